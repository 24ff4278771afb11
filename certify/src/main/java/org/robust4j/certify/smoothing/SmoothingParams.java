package org.robust4j.certify.smoothing;

import static org.robust4j.core.util.Checks.checkArgument;

/**
 * The knobs of Cohen et al.'s PREDICT and CERTIFY: {@code n0} selection samples, {@code n}
 * estimation samples, the failure probability {@code alpha}, the number of noisy copies per
 * forward pass, and the seed from which every sample's noise stream is derived.
 */
public record SmoothingParams(int n0, int n, double alpha, int batchSize, long seed) {

    public SmoothingParams {
        checkArgument(n0 > 0 && n > 0, "SmoothingParams: n0 and n must be positive, got n0=%s n=%s", n0, n);
        checkArgument(alpha > 0 && alpha < 1, "SmoothingParams: alpha must be in (0, 1), got %s", alpha);
        checkArgument(batchSize > 0, "SmoothingParams: batch size must be positive, got %s", batchSize);
    }

    /** The paper's defaults: {@code n0 = 100, n = 100,000, alpha = 0.001}, batches of 1000. */
    public static SmoothingParams cohen(long seed) {
        return new SmoothingParams(100, 100_000, 0.001, 1000, seed);
    }

    public SmoothingParams withN(int newN) {
        return new SmoothingParams(n0, newN, alpha, batchSize, seed);
    }

    public SmoothingParams withN0(int newN0) {
        return new SmoothingParams(newN0, n, alpha, batchSize, seed);
    }

    public SmoothingParams withAlpha(double a) {
        return new SmoothingParams(n0, n, a, batchSize, seed);
    }

    public SmoothingParams withBatchSize(int b) {
        return new SmoothingParams(n0, n, alpha, b, seed);
    }

    public SmoothingParams withSeed(long s) {
        return new SmoothingParams(n0, n, alpha, batchSize, s);
    }
}
