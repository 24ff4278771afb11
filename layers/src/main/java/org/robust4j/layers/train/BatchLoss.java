package org.robust4j.layers.train;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/**
 * How the trainer turns a batch into the loss it differentiates, and the logits it reports
 * accuracy on. The default is the model's logits under a {@link org.robust4j.layers.loss.Loss};
 * adversarial training plugs in here (attack first, then the loss on the adversarial batch).
 */
@FunctionalInterface
public interface BatchLoss {
    /** Result of one batch: the scalar loss to backpropagate and the logits behind it. */
    record Result(Tensor loss, Tensor logits) {
    }

    Result compute(Module model, Tensor x, Tensor y);
}
