package org.robust4j.experiments.circulant;

/**
 * One trained network: its family, size ({@code depth}, rank or width), weight count, test
 * accuracy, training time, and the l2 Lipschitz bound of its logits (the product of layer bounds,
 * with its kind).
 */
public record ModelResult(String dataset, String family, String size, long parameters, double testAccuracy,
                          double testError, double trainSeconds, double lipschitzBound, String lipschitzKind) {
}
