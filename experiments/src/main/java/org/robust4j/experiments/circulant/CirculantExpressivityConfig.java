package org.robust4j.experiments.circulant;

import java.util.List;

/**
 * What {@link CirculantExpressivity} trains: on {@code dataset} (flattened images), networks of
 * four families, each at several sizes, for the same epochs and optimizer (Adam).
 *
 * @param dataset        the main dataset ({@code fashion-mnist}, {@code fashion-mnist-small}, ...)
 * @param mnistDir       a directory holding the MNIST IDX files; when set (not null or empty) the grid also runs on MNIST
 * @param trainLimit     first this many training images (0: all)
 * @param testLimit      first this many test images (0: all)
 * @param dcDepths       numbers of square diagonal-circulant hidden layers (each followed by LeakyReLU)
 * @param toeplitzDepths numbers of square Toeplitz hidden layers (each followed by LeakyReLU)
 * @param lowRanks       ranks of the low-rank network (one square low-rank hidden layer and a low-rank head)
 * @param denseWidths    hidden widths of the dense network (one hidden layer)
 * @param leakySlope     the LeakyReLU slope (the paper trains deep DC networks with 0.5)
 */
public record CirculantExpressivityConfig(String dataset, String mnistDir, int trainLimit, int testLimit, int epochs,
                                          int batchSize, double learningRate, List<Integer> dcDepths,
                                          List<Integer> toeplitzDepths, List<Integer> lowRanks,
                                          List<Integer> denseWidths, double leakySlope) {

    public CirculantExpressivityConfig {
        dcDepths = List.copyOf(dcDepths);
        toeplitzDepths = List.copyOf(toeplitzDepths);
        lowRanks = List.copyOf(lowRanks);
        denseWidths = List.copyOf(denseWidths);
        if (dataset == null || dataset.isBlank()) {
            throw new IllegalArgumentException("circulant-expressivity: dataset must be named");
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("circulant-expressivity: trainLimit and testLimit must be >= 0 (0: all), got "
                    + trainLimit + " and " + testLimit);
        }
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("circulant-expressivity: epochs and batchSize must be >= 1 and learningRate > 0, got "
                    + epochs + ", " + batchSize + ", " + learningRate);
        }
        if (dcDepths.isEmpty()) {
            throw new IllegalArgumentException("circulant-expressivity: needs at least one DC depth");
        }
        for (List<Integer> sizes : List.of(dcDepths, toeplitzDepths, lowRanks, denseWidths)) {
            for (int s : sizes) {
                if (s < 1) {
                    throw new IllegalArgumentException("circulant-expressivity: depths, ranks and widths must be >= 1, got " + s);
                }
            }
        }
        if (!(leakySlope >= 0 && leakySlope <= 1)) {
            throw new IllegalArgumentException("circulant-expressivity: leakySlope must be in [0, 1], got " + leakySlope);
        }
    }

    /** Fashion-MNIST, 4 000 training images, 2 epochs, nine networks: a few minutes on 2 free cores. */
    public static CirculantExpressivityConfig defaults() {
        return new CirculantExpressivityConfig("fashion-mnist", null, 4_000, 2_000, 2, 100, 2e-3,
                List.of(1, 2, 3), List.of(1), List.of(4, 16), List.of(8, 32, 128), 0.5);
    }

    /** Seconds: the embedded Fashion-MNIST sample, one epoch over 512 images, one model per family. */
    public static CirculantExpressivityConfig tiny() {
        return new CirculantExpressivityConfig("fashion-mnist-small", null, 512, 256, 1, 64, 2e-3,
                List.of(2), List.of(1), List.of(2), List.of(8), 0.5);
    }
}
