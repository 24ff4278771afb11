package org.robust4j.layers.loss;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;

/**
 * The loss 1-Lipschitz networks are trained with (SLL's {@code LossXent}, AOL's
 * {@code OffsetXentFromScores}): {@code T * CE((f - offset * onehot(y)) / T, y)}. Subtracting the
 * offset from the true logit asks for a margin; the temperature sets how hard the margin is
 * enforced. SLL: offset {@code 3/sqrt(2) = 2.1213}, T = 0.25; AOL: offset {@code sqrt 2}, T = 0.25.
 */
public final class OffsetCrossEntropyLoss implements Loss {
    private final double offset;
    private final double temperature;
    private final CrossEntropyLoss ce = new CrossEntropyLoss();

    public OffsetCrossEntropyLoss(double offset, double temperature) {
        checkArgument(temperature > 0, "offset cross-entropy: temperature must be positive, got %s", temperature);
        this.offset = offset;
        this.temperature = temperature;
    }

    /** SLL's defaults. */
    public static OffsetCrossEntropyLoss sll() {
        return new OffsetCrossEntropyLoss(1.5 * Math.sqrt(2), 0.25);
    }

    @Override
    public Tensor compute(Tensor logits, Tensor labels) {
        Loss.checkInputs("offset cross-entropy", logits, labels);
        Tensor shifted = logits.sub(labels.oneHot(logits.dim(1), logits.dtype()).mul(offset)).div(temperature);
        return ce.compute(shifted, labels).mul(temperature);
    }

    public double offset() {
        return offset;
    }

    public double temperature() {
        return temperature;
    }
}
