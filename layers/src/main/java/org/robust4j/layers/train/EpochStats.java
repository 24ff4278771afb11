package org.robust4j.layers.train;

/**
 * What one epoch did. Test figures are NaN when no test set was given. {@code samplesPerSecond}
 * counts training samples over the training part of the epoch only (not evaluation).
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                         double learningRate, double trainSeconds, double samplesPerSecond) {
}
