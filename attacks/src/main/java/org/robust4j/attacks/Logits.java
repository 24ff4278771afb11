package org.robust4j.attacks;

import org.robust4j.core.tensor.Tensor;

/** Small operations on logits {@code [N, C]} shared by the losses and the attacks. */
public final class Logits {
    /**
     * A shift that takes one logit out of a maximum (Carlini and Wagner subtract 10000); finite,
     * so that multiplying it by a zero of a one-hot mask stays zero.
     */
    static final double SHIFT = 1e9;

    private Logits() {}

    /** The one-hot encoding of integer labels {@code [N]} in the logits' dtype. */
    public static Tensor oneHot(Tensor logits, Tensor labels) {
        if (logits.rank() != 2 || labels.rank() != 1 || labels.dim(0) != logits.dim(0)
                || labels.dtype().isFloating()) {
            throw new IllegalArgumentException("expected logits [N, C] and integer labels [N], got "
                    + logits.shape() + " and " + labels.shape() + " " + labels.dtype());
        }
        return labels.oneHot(logits.dim(1), logits.dtype());
    }

    /** {@code max_{i != y} z_i} per sample, for the labels' one-hot {@code hot}. */
    public static Tensor otherMax(Tensor logits, Tensor hot) {
        return logits.sub(hot.mul(SHIFT)).max(1);
    }

    /** {@code z_y} per sample. */
    public static Tensor labelLogit(Tensor logits, Tensor hot) {
        return logits.mul(hot).sum(1);
    }

    /** Row-wise argmax on the host. */
    public static long[] predictions(Tensor logits) {
        return logits.argMax(1).toLongArray();
    }
}
