package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;

/**
 * The diagonal of SLL's {@code T^{-1}} (Araujo et al. 2023, research note 1.1): given the Gram
 * {@code G = W W^T} of the inner units ({@code [m, m]}, or {@code [m, m, s, s]} for a
 * convolution: one entry per relative shift) and {@code q} ({@code [m]}, {@code q_i = exp(q_i)}
 * is the positive weight),
 *
 * <pre>  t_i = sum_j sum_shifts |G_ij| exp(q_j - q_i),   result_i = safe_inv(t_i) = t_i > 0 ? 1/t_i : 0.</pre>
 *
 * {@code diag(t) - G} is positive semidefinite (weighted Gershgorin:
 * {@code x^T G x <= sum_ij |G_ij| |x_i| |x_j| <= sum_ij |G_ij| (x_i^2 q_j/q_i + x_j^2 q_i/q_j)/2}),
 * which is what makes {@code x - 2 W^T T^{-1} relu(W x + b)} 1-Lipschitz. Unlike the reference
 * conv code, {@code q_i} and {@code q_j} sit on different axes, so {@code q} is not cancelled.
 * The safe inverse puts no epsilon in the sum (an epsilon there would break the bound); a zero
 * {@code t_i} means row {@code i} of {@code W} is zero and its unit contributes nothing anyway.
 */
final class SllScaling {
    private SllScaling() {}

    /** {@code T^{-1}} as a vector {@code [m]}, differentiable in the Gram and in {@code q}. */
    static Tensor inverseDiagonal(Tensor gram, Tensor q) {
        int m = q.dim(0);
        checkArgument(q.rank() == 1 && gram.dim(0) == m && gram.dim(1) == m && (gram.rank() == 2 || gram.rank() == 4),
                "SllScaling: Gram %s does not match q %s", gram.shape(), q.shape());
        Tensor abs = gram.abs();
        if (abs.rank() == 4) {
            abs = abs.sum(2, 3);
        }
        Tensor ratio = q.reshape(1, m).sub(q.reshape(m, 1)).exp(); // exp(q_j - q_i) at [i, j]
        Tensor t = abs.mul(ratio).sum(1);
        return safeInverse(t);
    }

    /**
     * {@code 1/t} where {@code t > 0}, else 0. The zero entries are replaced by 1 before the
     * reciprocal, so no infinity enters the graph (its gradient would be {@code 0 * inf = NaN}).
     */
    static Tensor safeInverse(Tensor t) {
        Tensor positive = t.gt(0);
        Tensor inv = Tensor.where(positive, t, Tensor.onesLike(t)).reciprocal();
        return Tensor.where(positive, inv, Tensor.zerosLike(inv));
    }

    /** {@code t^(-1/2)} where {@code t > 0}, else 0, by the same device. */
    static Tensor safeInverseSqrt(Tensor t) {
        Tensor positive = t.gt(0);
        Tensor inv = Tensor.where(positive, t, Tensor.onesLike(t)).rsqrt();
        return Tensor.where(positive, inv, Tensor.zerosLike(inv));
    }
}
