package org.robust4j.experiments.lipschitz;

/**
 * One training run of {@link LipschitzRegularizationExperiment}, a row of {@code runs.csv}.
 *
 * @param method          {@code none} for the unpenalised baseline
 * @param lipschitzBound  product of the layers' exact spectral norms (ReLU, Flatten: 1), an upper
 *                        bound on the network's l2 Lipschitz constant
 * @param robustAccuracy  accuracy under PGD-l2 at {@code pgdEps} on the attacked images
 * @param trainSeconds    wall time of the training epochs (penalty included)
 * @param overhead        {@code trainSeconds} over the baseline's
 */
public record RegularizationRun(String method, double lambda, double cleanAccuracy, double lipschitzBound,
                                double robustAccuracy, double pgdEps, double trainSeconds, double overhead,
                                double finalPenalty) {
}
