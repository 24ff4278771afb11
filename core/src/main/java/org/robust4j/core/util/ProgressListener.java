package org.robust4j.core.util;

/**
 * Told how far a long loop of the library has got (samples certified, batches attacked,
 * iterations of an estimator), so that a command can show progress; the library itself prints
 * nothing. Called on the loop's thread after each item.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} items are finished ({@code 0 <= done <= total}). */
    void progress(long done, long total);
}
