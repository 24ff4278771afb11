package org.robust4j.opencl;

/**
 * One tiling of {@code gemm.cl}: a work-group computes a {@code tsm x tsn} block of C, stepping
 * {@code tsk} along K, each work-item holding {@code wptm x wptn} results in registers.
 */
record GemmTile(int tsm, int tsn, int tsk, int wptm, int wptn) {

    /** From largest to smallest; {@link GemmKernels} keeps those the device can run. */
    static final GemmTile[] CANDIDATES = {
        new GemmTile(128, 128, 16, 8, 8),  // 256 work-items, 64 results each: large products
        new GemmTile(128, 64, 16, 8, 4),   // 256 work-items, 32 results each
        new GemmTile(64, 128, 16, 4, 8),
        new GemmTile(64, 64, 16, 4, 4),    // 256 work-items, 16 results each
        new GemmTile(64, 64, 16, 8, 8),    // 64 work-items: devices with small work-groups
        new GemmTile(128, 32, 16, 8, 4),   // 128 work-items: skinny products (few rows or columns),
        new GemmTile(32, 128, 16, 4, 8),   //   as convolutions with few channels give
        new GemmTile(32, 32, 16, 4, 4),    // 64 work-items, 16 results each
        new GemmTile(32, 32, 16, 2, 2),    // 256 work-items, 4 results each
        new GemmTile(16, 16, 16, 2, 2),    // 64 work-items: small matrices
        new GemmTile(8, 8, 8, 2, 2),       // 16 work-items: the fallback every device runs
    };

    /** Parses {@code TSMxTSNxTSK/WPTMxWPTN}, e.g. {@code 128x128x16/8x8}. */
    static GemmTile parse(String spec) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)x(\\d+)x(\\d+)/(\\d+)x(\\d+)")
                .matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("opencl: gemm-tile '" + spec + "' is not auto or TSMxTSNxTSK/WPTMxWPTN"
                    + " (e.g. 64x64x16/4x4)");
        }
        GemmTile t = new GemmTile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        if (t.tsm % t.wptm != 0 || t.tsn % t.wptn != 0 || t.tsm <= 0 || t.tsn <= 0 || t.tsk <= 0) {
            throw new IllegalArgumentException("opencl: gemm-tile " + spec + ": the block must be a multiple of the"
                    + " results per work-item");
        }
        return t;
    }

    /** Accumulator bytes per work-item: above 256 (64 floats, 32 doubles) registers would spill on GPUs. */
    int registerBytes(int elementBytes) {
        return wptm * wptn * elementBytes;
    }

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
