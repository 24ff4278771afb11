package org.robust4j.layers.lipschitz;

import org.robust4j.core.tensor.Tensor;

/**
 * One way of computing (or bounding) the spectral norm of a layer's linear map: a dense weight
 * {@code [out, in]} ({@code x -> W x}) or a convolution kernel {@code [c_out, c_in, kh, kw]} with
 * its {@link ConvGeometry}. The arithmetic runs in the dtype of the tensor given (cast it first
 * for another); the result says what kind of number it is ({@link SpectralNorm.Kind}).
 *
 * <p>Implementations release every intermediate array before returning and never record a
 * graph; {@link DifferentiableSpectralNorm} is the variant for training losses.
 */
public interface SpectralNormEstimator {

    /** The method's name on the command line ({@code gram}, {@code power}, {@code exact}, ...). */
    String method();

    /** Spectral norm of the dense map {@code x -> weight x}. */
    SpectralNorm dense(Tensor weight);

    /** Spectral norm of the convolution of {@code kernel} in {@code geometry}. */
    SpectralNorm conv(Tensor kernel, ConvGeometry geometry);
}
