package org.robust4j.benchmarks.compare;

import java.util.Map;

/**
 * What one side measured for a row: the headline value (in the row's unit), how the time was
 * taken, the workload's parameters, and numbers that show both sides computed the same thing
 * (robust accuracy, a spectral norm, a loss).
 */
record RowResult(double value, GatedTimer.Timing timing, Map<String, Object> params, Map<String, Object> check) {
    /** {@code items} per second of the median call. */
    static RowResult rate(double items, GatedTimer.Timing t, Map<String, Object> params, Map<String, Object> check) {
        return new RowResult(items / t.medianSeconds(), t, params, check);
    }

    /** Milliseconds of the median call. */
    static RowResult millis(GatedTimer.Timing t, Map<String, Object> params, Map<String, Object> check) {
        return new RowResult(1000 * t.medianSeconds(), t, params, check);
    }
}
