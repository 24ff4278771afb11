package org.robust4j.certify.smoothing;

import static org.robust4j.core.util.Checks.checkArgument;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.robust4j.certify.Norm;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * {@code N(0, sigma^2 I)}: the l2 certificate of Cohen, Rosenfeld and Kolter 2019, Theorem 1
 * with {@code pB = 1 - pA}: {@code R = sigma * Phi^-1(pA)}.
 */
public record GaussianNoise(double sigma) implements NoiseDistribution {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    public GaussianNoise {
        checkArgument(sigma > 0 && Double.isFinite(sigma), "GaussianNoise: sigma must be positive, got %s", sigma);
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public double scale() {
        return sigma;
    }

    @Override
    public Tensor sample(Backend backend, DType dtype, Shape shape, long seed) {
        return Tensor.wrap(backend.randomNormal(shape, dtype, 0.0, sigma, seed));
    }

    @Override
    public Norm norm() {
        return Norm.L2;
    }

    @Override
    public double radius(double pA) {
        return pA <= 0.5 ? 0.0 : sigma * STANDARD.inverseCumulativeProbability(pA);
    }
}
