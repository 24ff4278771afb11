package org.robust4j.layers.noise;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Centred uniform noise on {@code [-halfWidth, halfWidth]} per coordinate (variance
 * {@code halfWidth^2 / 3}); the "U" noise of RAT (Araujo et al., arXiv 1903.10219), whose
 * configurations call the half-width the scale.
 */
public record Uniform(double halfWidth) implements NoiseDistribution {
    public Uniform {
        checkArgument(halfWidth > 0 && Double.isFinite(halfWidth),
                "uniform noise: the half-width must be positive and finite, got %s", halfWidth);
    }

    @Override
    public Tensor sample(Backend backend, Generator generator, DType dtype, Shape shape) {
        return Tensor.wrap(backend.randomUniform(shape, dtype, -halfWidth, halfWidth, generator.nextSeed()));
    }

    @Override
    public double mean() {
        return 0;
    }

    @Override
    public double variance() {
        return halfWidth * halfWidth / 3;
    }

    @Override
    public String describe() {
        return "uniform(halfWidth=" + halfWidth + ")";
    }
}
