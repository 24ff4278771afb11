package org.robust4j.layers.noise;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * A distribution of additive noise with independent, identically distributed coordinates. The
 * implementations are plain values whose parameters certificates read (Cohen et al.'s radius
 * needs {@link Gaussian#sigma()}, the Rényi guarantee of Pinot et al. 2019 (arXiv 1902.01148)
 * needs the Gaussian sigma or the Laplace scale, or the natural parameter of an
 * {@link ExponentialFamily}).
 */
public sealed interface NoiseDistribution permits Gaussian, Laplace, Uniform, ExponentialFamily {

    /** A fresh draw of the given shape; the generator is the only source of randomness. */
    Tensor sample(Backend backend, Generator generator, DType dtype, Shape shape);

    /** Mean of one coordinate. */
    double mean();

    /** Variance of one coordinate. */
    double variance();

    /** Short text with the parameters, for {@code toString} and reports. */
    String describe();
}
