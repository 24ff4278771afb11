package org.robust4j.experiments.backendcheck;

import java.util.List;

/**
 * What {@link BackendCheck} times: square matrix products of the given sizes and 2-D
 * convolutions of the given shapes; the first convolution is the headline one in
 * {@code summary.json}.
 */
public record BackendCheckConfig(List<Integer> matmulSizes, List<ConvCase> convolutions, int warmup,
                                 int repetitions) {

    /** A convolution of {@code x [batch, inChannels, height, width]} with {@code w [outChannels, inChannels, kernel, kernel]}. */
    public record ConvCase(int batch, int inChannels, int height, int width, int outChannels, int kernel, int stride,
                           int padding) {

        public int outHeight() {
            return (height + 2 * padding - kernel) / stride + 1;
        }

        public int outWidth() {
            return (width + 2 * padding - kernel) / stride + 1;
        }

        /** Multiply-adds of the forward pass, counted as two floating-point operations each. */
        public long forwardFlops() {
            return 2L * batch * outChannels * outHeight() * outWidth() * inChannels * kernel * kernel;
        }

        /** {@code [128,16,28,28]x[32,16,3,3] s1 p1}. */
        public String label() {
            return "[" + batch + "," + inChannels + "," + height + "," + width + "]x[" + outChannels + ","
                    + inChannels + "," + kernel + "," + kernel + "] s" + stride + " p" + padding;
        }
    }

    public BackendCheckConfig {
        matmulSizes = List.copyOf(matmulSizes);
        convolutions = List.copyOf(convolutions);
        if (matmulSizes.isEmpty() || convolutions.isEmpty()) {
            throw new IllegalArgumentException("backend-check needs at least one matmul size and one convolution");
        }
        if (warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException("backend-check: warmup must be >= 0 and repetitions >= 1, got "
                    + warmup + " and " + repetitions);
        }
    }

    /** The sizes a small CNN on MNIST/CIFAR meets; tens of seconds on a laptop. */
    public static BackendCheckConfig defaults() {
        return new BackendCheckConfig(List.of(64, 256, 1024), List.of(
                new ConvCase(128, 16, 28, 28, 32, 3, 1, 1),
                new ConvCase(64, 3, 32, 32, 16, 3, 1, 1),
                new ConvCase(64, 32, 16, 16, 64, 3, 1, 1)), 3, 10);
    }

    /** A smoke run of a second or so, for tests. */
    public static BackendCheckConfig tiny() {
        return new BackendCheckConfig(List.of(8, 16), List.of(new ConvCase(2, 3, 8, 8, 4, 3, 1, 1)), 1, 2);
    }
}
