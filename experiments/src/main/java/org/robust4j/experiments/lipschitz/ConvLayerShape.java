package org.robust4j.experiments.lipschitz;

/**
 * One convolution whose spectral norm an experiment computes: kernel {@code [outChannels,
 * inChannels, kernel, kernel]} on an {@code input x input} image with this stride and "same"
 * padding {@code kernel/2}.
 *
 * @param name where it comes from ({@code random-1}, {@code layer2.0.conv1}, ...)
 */
public record ConvLayerShape(String name, int outChannels, int inChannels, int kernel, int input, int stride) {

    public ConvLayerShape {
        if (outChannels < 1 || inChannels < 1 || kernel < 1 || input < 1 || stride < 1) {
            throw new IllegalArgumentException("ConvLayerShape " + name + ": every size must be positive, got ["
                    + outChannels + "," + inChannels + "," + kernel + "," + kernel + "] n=" + input + " s=" + stride);
        }
    }

    /** {@code [64,64,3,3] n=32 s1}. */
    public String label() {
        return "[" + outChannels + "," + inChannels + "," + kernel + "," + kernel + "] n=" + input + " s" + stride;
    }
}
