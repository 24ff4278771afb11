package org.robust4j.certify.smoothing;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.certify.Norm;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * I.i.d. Laplace noise of scale {@code b} (density {@code exp(-|z|/b) / 2b} per coordinate) and
 * its l1 certificate {@code R = -b log(2 (1 - pA))} (Teng, Lee, Zhang, ICLR 2020, Theorem 1 with
 * {@code pB = 1 - pA}).
 *
 * <p>Why it holds: for a shift {@code s} of one coordinate the likelihood ratio is monotone in
 * that coordinate, so by Neyman–Pearson the worst decision region is {@code {z_1 <= t}} with
 * {@code P(Z <= t) = pA}, i.e. {@code t = -b log(2(1 - pA))}, and it keeps mass above 1/2 while
 * {@code s < t}. In that parametrisation a shift by {@code s} moves {@code t} to {@code t - s},
 * so shifting coordinates one after another composes additively and any {@code delta} with
 * {@code ||delta||_1 < t} is covered.
 */
public record LaplaceNoise(double b) implements NoiseDistribution {

    public LaplaceNoise {
        checkArgument(b > 0 && Double.isFinite(b), "LaplaceNoise: scale must be positive, got %s", b);
    }

    @Override
    public String name() {
        return "laplace";
    }

    @Override
    public double scale() {
        return b;
    }

    @Override
    public Tensor sample(Backend backend, DType dtype, Shape shape, long seed) {
        return Tensor.wrap(backend.randomLaplace(shape, dtype, 0.0, b, seed));
    }

    @Override
    public Norm norm() {
        return Norm.L1;
    }

    @Override
    public double radius(double pA) {
        return pA <= 0.5 ? 0.0 : -b * Math.log(2 * (1 - pA));
    }
}
