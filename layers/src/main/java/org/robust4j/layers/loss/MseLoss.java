package org.robust4j.layers.loss;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;

/** Mean squared error between a prediction and a target of the same shape. */
public final class MseLoss {
    private MseLoss() {}

    public static Tensor compute(Tensor prediction, Tensor target) {
        checkArgument(prediction.shape().equals(target.shape()), "mse: prediction %s and target %s differ in shape",
                prediction.shape(), target.shape());
        return prediction.sub(target).square().mean();
    }
}
