package org.robust4j.certify.smoothing;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.certify.Norm;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Noise uniform on the cube {@code [-lambda, lambda]^d} and its l1 certificate
 * {@code R = 2 lambda (pA - 1/2)} (Yang et al., ICML 2020, "Randomized smoothing of all shapes
 * and sizes": {@code lambda (pA - pB)} with {@code pB = 1 - pA}).
 *
 * <p>Why it holds: both cubes have the same density where they overlap, so the shifted
 * distribution gives the class region at least {@code pA - t}, where {@code t = 1 - prod(1 -
 * |delta_i| / 2 lambda)} is the mass outside the overlap; {@code t <= ||delta||_1 / 2 lambda}.
 */
public record UniformNoise(double halfWidth) implements NoiseDistribution {

    public UniformNoise {
        checkArgument(halfWidth > 0 && Double.isFinite(halfWidth),
                "UniformNoise: half-width must be positive, got %s", halfWidth);
    }

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public double scale() {
        return halfWidth;
    }

    @Override
    public Tensor sample(Backend backend, DType dtype, Shape shape, long seed) {
        return Tensor.wrap(backend.randomUniform(shape, dtype, -halfWidth, halfWidth, seed));
    }

    @Override
    public Norm norm() {
        return Norm.L1;
    }

    @Override
    public double radius(double pA) {
        return pA <= 0.5 ? 0.0 : 2 * halfWidth * (pA - 0.5);
    }
}
