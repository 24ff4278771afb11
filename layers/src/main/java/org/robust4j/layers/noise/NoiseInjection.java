package org.robust4j.layers.noise;

import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;

/**
 * Adds fresh noise to its input at every call, {@code x + X} with {@code X} drawn from a
 * {@link NoiseDistribution}: the randomized network of Pinot et al. 2019 (arXiv 1902.01148) and
 * of RAT (arXiv 1903.10219), which inject noise at the input (or after a layer) both in training
 * and at inference. So, unlike dropout, it is active in evaluation mode too; attacks on a model
 * that contains it must average over draws (EOT).
 *
 * <p>The module draws from its own generator, forked from the layer context's at construction,
 * so the same seed gives the same stream of noise; like every generator it is not thread-safe.
 * The gradient flows to the input unchanged (the noise is a constant of each draw).
 */
public final class NoiseInjection extends Module {
    private final NoiseDistribution distribution;
    private final Generator generator;

    public NoiseInjection(LayerContext c, NoiseDistribution distribution) {
        this.distribution = checkNotNull(distribution, "distribution");
        this.generator = c.generator().fork();
    }

    /** Gaussian noise {@code N(0, sigma^2 I)}. */
    public static NoiseInjection gaussian(LayerContext c, double sigma) {
        return new NoiseInjection(c, new Gaussian(sigma));
    }

    /** Laplace noise with density {@code exp(-|z|/scale) / (2 scale)} per coordinate. */
    public static NoiseInjection laplace(LayerContext c, double scale) {
        return new NoiseInjection(c, new Laplace(scale));
    }

    /** Uniform noise on {@code [-halfWidth, halfWidth]} per coordinate. */
    public static NoiseInjection uniform(LayerContext c, double halfWidth) {
        return new NoiseInjection(c, new Uniform(halfWidth));
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.add(distribution.sample(x.backend(), generator, x.dtype(), x.shape()));
    }

    /** The distribution (and so its parameters: sigma, scale, half-width, natural parameter). */
    public NoiseDistribution distribution() {
        return distribution;
    }

    @Override
    protected String describe() {
        return distribution.describe();
    }
}
