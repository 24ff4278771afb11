package org.robust4j.certify.smoothing;

import org.robust4j.certify.Norm;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * A zero-mean, coordinate-wise i.i.d. noise distribution for randomized smoothing, together
 * with the certificate it supports: the radius, in one norm, within which the smoothed
 * classifier keeps a class whose probability under noise is at least {@code pA} (the binary
 * reduction {@code pB = 1 - pA} of Cohen et al.).
 */
public interface NoiseDistribution {

    /** Short name ({@code gaussian}, {@code laplace}, {@code uniform}). */
    String name();

    /** The distribution's scale parameter: sigma, the Laplace scale b, or the half-width lambda. */
    double scale();

    /** A fresh noise tensor of {@code shape} from the backend's seeded generator. */
    Tensor sample(Backend backend, DType dtype, Shape shape, long seed);

    /** The norm of the certified radius. */
    Norm norm();

    /**
     * The certified radius for a lower bound {@code pA} on the top-class probability, with
     * {@code pB = 1 - pA}; 0 when {@code pA <= 1/2}.
     */
    double radius(double pA);

    static NoiseDistribution gaussian(double sigma) {
        return new GaussianNoise(sigma);
    }

    static NoiseDistribution laplace(double scale) {
        return new LaplaceNoise(scale);
    }

    static NoiseDistribution uniform(double halfWidth) {
        return new UniformNoise(halfWidth);
    }
}
