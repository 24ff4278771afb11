package org.robust4j.experiments.lipschitz;

/**
 * One estimator on one layer, a row of {@code results.csv}.
 *
 * @param group       {@code random} or {@code resnet18}
 * @param ratioToExact {@code value / exact}: at least 1 for upper bounds, at most 1 for estimates
 * @param seconds     median wall time of one call
 */
public record MethodMeasurement(String group, String layer, String shape, String method, String kind, int iterations,
                                double value, double exact, double ratioToExact, double seconds) {
}
