package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

/**
 * Gram iteration on a real matrix (Delattre et al., ICML 2023, Algorithm "Lip_Dense"; research
 * note section 1.1): {@code T} squarings give the Schatten-{@code 2^(T+1)} norm, an upper bound on
 * the largest singular value that converges quadratically,
 *
 * <pre>  log B_T = sum_{t<T} 2^-t log r_t + 2^-T log ||G_T||_F,   G_0 = W,  G_{t+1} = (G_t/r_t)^T (G_t/r_t).</pre>
 *
 * The first product is {@code W^T W} or {@code W W^T}, whichever is smaller. The log-domain sum
 * replaces the official code's {@code 2^T}-growing accumulator (which overflows FLOAT32 near
 * {@code T = 125}); the scales are host doubles from detached values (exact gradient, see
 * {@link FrequencyGram}); the first step divides by the largest entry so that {@code ||W||_F^2}
 * cannot overflow or underflow; a zero matrix has bound 0.
 */
final class DenseGram {
    private DenseGram() {}

    /** The bound as a scalar tensor in the graph of {@code w} ({@code [m, d]}). */
    static Tensor bound(Tensor w, int iterations) {
        checkArgument(w.rank() == 2, "Gram iteration: a dense weight must be a matrix, got %s", w.shape());
        checkArgument(iterations >= 0, "Gram iteration: iterations must be >= 0, got %s", iterations);
        checkArgument(w.dtype().isFloating(), "Gram iteration: needs a floating matrix, got %s", w.dtype());
        if (w.size() == 0) {
            return Tensor.scalar(w.backend(), 0, w.dtype());
        }
        double maxAbs = host(w, x -> x.abs().max());
        if (!(maxAbs > 0)) {
            // A zero matrix: the bound 0, still connected to w so that gradients have a path.
            return w.mul(0.0).sum();
        }
        checkArgument(Double.isFinite(maxAbs), "Gram iteration: the matrix %s has non-finite entries", w.shape());
        double logScale = Math.log(maxAbs);
        Tensor g = w.mul(1 / maxAbs);
        for (int t = 0; t < iterations; t++) {
            double s = host(g, x -> x.square().sum());
            logScale += Math.pow(2, -t) * 0.5 * Math.log(s);
            Tensor x = g.mul(1 / Math.sqrt(s));
            boolean wide = t == 0 && x.dim(1) > x.dim(0);
            g = wide ? x.matmul(x, false, true) : x.matmul(x, true, false);
        }
        // Normalised iterates are never zero (a product G^T G of a non-zero G is non-zero).
        return g.square().sum().pow(Math.pow(2, -iterations - 1)).mul(Math.exp(logScale));
    }

    /** A scalar function of {@code x}'s values, computed without recording a graph. */
    private static double host(Tensor x, java.util.function.UnaryOperator<Tensor> f) {
        try (GradMode.Restore ng = Autograd.noGrad()) {
            return f.apply(x.detach()).cast(DType.FLOAT64).item();
        }
    }
}
