package org.robust4j.nd4j;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Splits independent rows (circulant rows, FFT matrices) over the common pool: one contiguous
 * chunk per thread (and the caller), or a single chunk when the work is too small to be worth it.
 */
final class RowChunks {
    /** Below this many values in all, splitting over threads costs more than it saves. */
    private static final long PARALLEL_MIN_VALUES = 1 << 15;

    private RowChunks() {}

    /** Work on rows {@code [from, to)}; {@code chunk} indexes per-chunk scratch. */
    interface Body {
        void run(int chunk, int from, int to);
    }

    /** Runs {@code body} over {@code rows} rows of {@code perRow} values each, in {@link #count} chunks. */
    static void run(int rows, long perRow, Body body) {
        int chunks = count(rows, perRow);
        if (chunks == 1) {
            body.run(0, 0, rows);
            return;
        }
        IntStream.range(0, chunks).parallel()
                .forEach(ch -> body.run(ch, bound(ch, chunks, rows), bound(ch + 1, chunks, rows)));
    }

    /** How many chunks {@link #run} uses for this work. */
    static int count(int rows, long perRow) {
        if (rows * perRow < PARALLEL_MIN_VALUES || rows < 2) {
            return 1;
        }
        return Math.min(rows, ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    private static int bound(int chunk, int chunks, int rows) {
        return (int) ((long) rows * chunk / chunks);
    }
}
