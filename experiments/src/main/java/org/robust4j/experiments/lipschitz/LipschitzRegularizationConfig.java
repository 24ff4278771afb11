package org.robust4j.experiments.lipschitz;

import java.util.List;

/**
 * What {@link LipschitzRegularizationExperiment} trains: the peer's small CNN ({@code cnn}) on a
 * dataset, once without a penalty and once per method and lambda with it.
 *
 * @param dataset       dataset name ({@code fashion-mnist}, {@code fashion-mnist-small}, ...)
 * @param trainLimit    first this many training images (0: all)
 * @param testLimit     first this many test images for clean accuracy (0: all)
 * @param methods       penalties: {@code gram}, {@code spatial-gram}, {@code lipbound}, {@code power}
 * @param lambdas       penalty weights of the sweep, each > 0
 * @param gramIterations Gram squarings ({@code gram}, and dense layers under the input-size-free methods)
 * @param spatialGramIterations squarings of {@code spatial-gram}
 * @param lipboundGrid  LipBound grid points per axis
 * @param powerSteps    power steps per batch and layer
 * @param pgdEps        l2 budget of the PGD attack (inputs in [0, 1])
 * @param pgdSteps      PGD steps (step size 2.5 eps / steps, as Madry et al.)
 * @param attackSamples first this many test images are attacked
 */
public record LipschitzRegularizationConfig(String dataset, int trainLimit, int testLimit, int epochs, int batchSize,
                                            double lr, List<String> methods, List<Double> lambdas,
                                            int gramIterations, int spatialGramIterations, int lipboundGrid,
                                            int powerSteps, double pgdEps, int pgdSteps, int attackSamples) {

    public LipschitzRegularizationConfig {
        methods = List.copyOf(methods);
        lambdas = List.copyOf(lambdas);
        for (String m : methods) {
            if (!SpectralPenalty.METHODS.contains(m)) {
                throw new IllegalArgumentException("lipschitz-regularization: unknown method '" + m + "'; expected "
                        + String.join(", ", SpectralPenalty.METHODS));
            }
        }
        if (lambdas.stream().anyMatch(l -> !(l > 0) || Double.isInfinite(l))) {
            throw new IllegalArgumentException("lipschitz-regularization: every lambda must be finite and > 0, got "
                    + lambdas);
        }
        if (trainLimit < 0 || testLimit < 0 || epochs < 1 || batchSize < 1 || !(lr > 0) || gramIterations < 1
                || spatialGramIterations < 1 || lipboundGrid < 1 || powerSteps < 1 || !(pgdEps > 0) || pgdSteps < 1
                || attackSamples < 1) {
            throw new IllegalArgumentException("lipschitz-regularization: sizes, counts, lr and eps must be positive"
                    + " (limits >= 0)");
        }
    }

    /**
     * Fashion-MNIST, 20 000 training images, 1 epoch, Gram / LipBound / power penalties at
     * lambda 1e-3, 1e-2, 1e-1; PGD-l2 eps 1 with 20 steps on 500 test images. Minutes on 2 cores
     * (one epoch rather than two keeps {@code run all --scale small} under an hour).
     */
    public static LipschitzRegularizationConfig defaults() {
        return new LipschitzRegularizationConfig("fashion-mnist", 20_000, 0, 1, 128, 1e-3,
                List.of("gram", "lipbound", "power"), List.of(1e-3, 1e-2, 1e-1), 6, 4, 20, 1, 1.0, 20, 500);
    }

    /**
     * Seconds: the embedded Fashion-MNIST subset, 384 images (12 steps), one strong lambda so the
     * penalty visibly shrinks the bound even in so few steps.
     */
    public static LipschitzRegularizationConfig tiny() {
        return new LipschitzRegularizationConfig("fashion-mnist-small", 384, 200, 1, 32, 1e-3,
                List.of("gram", "lipbound", "power"), List.of(1.0), 4, 3, 20, 1, 1.0, 5, 64);
    }
}
