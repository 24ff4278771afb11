package org.robust4j.certify.smoothing;

import org.robust4j.core.tensor.Tensor;

/** Checks on the inputs handed to certifiers. */
public final class Inputs {
    private Inputs() {}

    /**
     * Rejects an input with NaN or infinite values: a model's argmax over NaN logits is arbitrary, and
     * a certificate computed from it would be meaningless rather than visibly wrong.
     */
    public static void checkFinite(Tensor x, String op) {
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(op + ": input " + x.shape() + " has a non-finite value " + v[i]
                        + " at flat index " + i);
            }
        }
    }
}
