package org.robust4j.layers.loss;

import org.robust4j.core.tensor.Tensor;

/** A training loss: logits {@code [N, C]} and integer labels {@code [N]} to a scalar (mean over the batch). */
@FunctionalInterface
public interface Loss {
    Tensor compute(Tensor logits, Tensor labels);

    /** Checks shapes and label range, naming the loss in the message. */
    static void checkInputs(String loss, Tensor logits, Tensor labels) {
        if (logits.rank() != 2 || labels.rank() != 1 || labels.dim(0) != logits.dim(0)) {
            throw new IllegalArgumentException(loss + ": expected logits [N, C] and labels [N], got "
                    + logits.shape() + " and " + labels.shape());
        }
        if (labels.dtype().isFloating()) {
            throw new IllegalArgumentException(loss + ": labels must be an integer tensor, got " + labels.dtype());
        }
    }
}
