package org.robust4j.layers.noise;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/** Centred Laplace noise with density {@code exp(-|z|/scale) / (2 scale)} per coordinate (variance {@code 2 scale^2}). */
public record Laplace(double scale) implements NoiseDistribution {
    public Laplace {
        checkArgument(scale > 0 && Double.isFinite(scale), "Laplace noise: scale must be positive and finite, got %s",
                scale);
    }

    @Override
    public Tensor sample(Backend backend, Generator generator, DType dtype, Shape shape) {
        return Tensor.wrap(backend.randomLaplace(shape, dtype, 0, scale, generator.nextSeed()));
    }

    @Override
    public double mean() {
        return 0;
    }

    @Override
    public double variance() {
        return 2 * scale * scale;
    }

    @Override
    public String describe() {
        return "laplace(scale=" + scale + ")";
    }
}
