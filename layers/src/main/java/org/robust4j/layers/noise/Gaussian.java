package org.robust4j.layers.noise;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/** Centred normal noise {@code N(0, sigma^2)} per coordinate. */
public record Gaussian(double sigma) implements NoiseDistribution {
    public Gaussian {
        checkArgument(sigma > 0 && Double.isFinite(sigma), "Gaussian noise: sigma must be positive and finite, got %s",
                sigma);
    }

    @Override
    public Tensor sample(Backend backend, Generator generator, DType dtype, Shape shape) {
        return Tensor.wrap(backend.randomNormal(shape, dtype, 0, sigma, generator.nextSeed()));
    }

    @Override
    public double mean() {
        return 0;
    }

    @Override
    public double variance() {
        return sigma * sigma;
    }

    @Override
    public String describe() {
        return "gaussian(sigma=" + sigma + ")";
    }
}
