package org.robust4j.layers.lipschitz;

import org.robust4j.core.tensor.Tensor;

/**
 * {@code 1/t} where {@code t > 0} and {@code 0} where {@code t == 0}, differentiable where
 * {@code t > 0}: the SLL code's {@code safe_inv}. A zero row of the weight gives {@code t = 0};
 * the layer's residual term is then zero there instead of NaN.
 */
final class SafeInverse {
    private SafeInverse() {}

    static Tensor of(Tensor t) {
        Tensor positive = t.gt(0).cast(t.dtype());              // constants: no gradient flows through the masks
        Tensor zero = positive.neg().add(1);
        return t.add(zero).reciprocal().mul(positive);
    }
}
