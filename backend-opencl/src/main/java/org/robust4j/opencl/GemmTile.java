package org.robust4j.opencl;

/**
 * One tiling of {@code gemm.cl}: a work-group computes a {@code tsm x tsn} block of C, stepping
 * {@code tsk} along K, each work-item holding {@code wptm x wptn} results in registers.
 */
record GemmTile(int tsm, int tsn, int tsk, int wptm, int wptn) {

    /** From largest to smallest; {@link GemmKernels} keeps those the device can run. */
    static final GemmTile[] CANDIDATES = {
        new GemmTile(128, 128, 16, 8, 8),  // 256 work-items, 64 results each
        new GemmTile(64, 64, 16, 4, 4),    // 256 work-items, 16 results each
        new GemmTile(64, 64, 16, 8, 8),    // 64 work-items: for devices with small work-groups
        new GemmTile(32, 32, 16, 2, 2),    // 256 work-items, 4 results each
        new GemmTile(16, 16, 16, 2, 2),    // 64 work-items: small matrices
        new GemmTile(8, 8, 8, 1, 1),       // 64 work-items: the fallback every device runs
    };

    int threads() {
        return (tsm / wptm) * (tsn / wptn);
    }

    /** Local memory of the two tiles (with their padding column). */
    long localBytes(int elementBytes) {
        return (long) tsk * (tsm + 1 + tsn + 1) * elementBytes;
    }

    String buildOptions() {
        return " -DTSM=" + tsm + " -DTSN=" + tsn + " -DTSK=" + tsk + " -DWPTM=" + wptm + " -DWPTN=" + wptn;
    }

    @Override
    public String toString() {
        return tsm + "x" + tsn + "x" + tsk + "/" + wptm + "x" + wptn;
    }
}
