package org.robust4j.experiments.backendcheck;

import java.util.Arrays;

/** The timing of one operation on one shape: median and fastest of the repetitions, and the rate. */
public record Measurement(String op, String shape, long flops, int repetitions, double medianMs, double minMs,
                          double gflops) {

    /** A measurement from per-repetition times in nanoseconds; the rate uses the median. */
    public static Measurement of(String op, String shape, long flops, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        double medianMs = median / 1e6;
        return new Measurement(op, shape, flops, n, medianMs, sorted[0] / 1e6, flops / (median / 1e9) / 1e9);
    }
}
