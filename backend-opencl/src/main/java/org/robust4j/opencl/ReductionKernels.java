package org.robust4j.opencl;

import java.util.Locale;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * Reductions over axes and argmax ({@code reduce.cl}). Picks, per call, one work-item per
 * result (many results or short reductions) or work-groups per result (few long reductions,
 * split over enough groups to fill the device, then a second pass over the partial results).
 */
final class ReductionKernels {
    private static final String FILE = "reduce.cl";
    /** Results at or above which one work-item per result already fills a GPU. */
    private static final int MANY_RESULTS = 4096;
    /** Reductions this short run one work-item per result whatever their number. */
    private static final int SHORT = 64;

    private final OpenClBackend backend;

    ReductionKernels(OpenClBackend backend) {
        this.backend = backend;
    }

    /**
     * Reduces {@code x} over {@code axes} into {@code out}, a dense array with one element per
     * combination of the kept axes (in order).
     */
    void reduce(ReduceOp op, ClArray x, int[] axes, ClArray out) {
        Shape s = x.shape();
        boolean[] reduced = new boolean[s.rank()];
        for (int a : axes) {
            reduced[a] = true;
        }
        int kr = s.rank() - axes.length;
        int[] keptDims = new int[kr];
        int[] keptStrides = new int[kr];
        int[] redDims = new int[axes.length];
        int[] redStrides = new int[axes.length];
        for (int i = 0, k = 0, r = 0; i < s.rank(); i++) {
            if (reduced[i]) {
                redDims[r] = s.dim(i);
                redStrides[r++] = x.strides[i];
            } else {
                keptDims[k] = s.dim(i);
                keptStrides[k++] = x.strides[i];
            }
        }
        Shape kept = Shape.of(keptDims);
        Loop outer = Loop.of(kept, keptStrides, Strides.rowMajor(kept));
        Loop inner = Loop.of(Shape.of(redDims), redStrides);
        if (outer.n == 0) {
            return;
        }
        String name = switch (op) {
            case SUM, MEAN -> "sum";
            default -> op.name().toLowerCase(Locale.ROOT);
        };
        DType dt = x.dtype();
        if (inner.n == 0) {
            // An empty reduction gives the operation's identity (as NumPy: sum 0, prod 1; mean NaN).
            backend.fill(out, switch (op) {
                case SUM -> 0.0;
                case PROD -> 1.0;
                case MEAN -> Double.NaN;
                case MAX -> dt.isFloating() ? Double.NEGATIVE_INFINITY : dt == DType.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
                case MIN -> dt.isFloating() ? Double.POSITIVE_INFINITY : dt == DType.INT32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
            });
            return;
        }
        double divisor = op == ReduceOp.MEAN ? inner.n : 1;
        String options = backend.typeOptions(dt);
        if (outer.n >= MANY_RESULTS || inner.n <= SHORT) {
            rows(name, options, dt, outer, inner, x.buffer("reduce"), x.offset, out.buffer("reduce"), out.offset, divisor);
            return;
        }
        Launch probe = backend.launch(FILE, options, "groups_" + name);
        int local = probe.groupSize(Launch.DEFAULT_GROUP);
        int wantedGroups = 4 * backend.computeUnits();
        int groups = (int) Math.max(1, Math.min((wantedGroups + outer.n - 1) / outer.n,
                (inner.n + 4L * local - 1) / (4L * local)));
        int chunk = (inner.n + groups - 1) / groups;
        groups = (inner.n + chunk - 1) / chunk;
        if (groups == 1) {
            groups(probe, dt, outer, inner, chunk, x.buffer("reduce"), x.offset, out.buffer("reduce"), out.offset,
                    divisor, 1, local);
            return;
        }
        // Pass 1: partial results [outer, groups]; pass 2 reduces each row of partials.
        ClBuffer partial = backend.workspace((long) outer.n * groups * dt.bytes());
        try {
            groups(probe, dt, outer, inner, chunk, x.buffer("reduce"), x.offset, partial, 0, 1, groups, local);
            Loop pOuter = Loop.of(Shape.of(outer.n), new int[] {groups}, new int[] {1});
            Loop pInner = Loop.of(Shape.of(groups), new int[] {1});
            // The final results go to `out` in the kept axes' row-major order: pOuter's output strides say so.
            rows(name, options, dt, pOuter, pInner, partial, 0, out.buffer("reduce"), out.offset, divisor);
        } finally {
            backend.release(partial);
        }
    }

    private void rows(String name, String options, DType dt, Loop outer, Loop inner, ClBuffer x, int offX,
                      ClBuffer out, int offOut, double divisor) {
        backend.launch(FILE, options, "rows_" + name)
                .i32(outer.n).space(outer).int8(outer.strides[0]).int8(outer.strides[1])
                .i32(inner.n).space(inner).int8(inner.strides[0])
                .mem(x).i32(offX).mem(out).i32(offOut).scalar(dt, divisor)
                .run1d(outer.n);
    }

    private static void groups(Launch l, DType dt, Loop outer, Loop inner, int chunk, ClBuffer x, int offX,
                               ClBuffer out, int offOut, double divisor, int groups, int local) {
        l.space(outer).int8(outer.strides[0]).int8(outer.strides[1])
                .i32(inner.n).space(inner).int8(inner.strides[0])
                .i32(chunk)
                .mem(x).i32(offX).mem(out).i32(offOut).scalar(dt, divisor).local((long) local * dt.bytes())
                .run(new long[] {(long) groups * local, outer.n}, new long[] {local, 1});
    }

    /** Index of the first maximum along {@code axis} into {@code out} (dense INT64, one per other position). */
    void argMax(ClArray x, int axis, ClArray out) {
        Shape s = x.shape();
        int r = s.rank();
        int[] keptDims = new int[r - 1];
        int[] keptStrides = new int[r - 1];
        for (int i = 0, k = 0; i < r; i++) {
            if (i != axis) {
                keptDims[k] = s.dim(i);
                keptStrides[k++] = x.strides[i];
            }
        }
        Shape kept = Shape.of(keptDims);
        Loop outer = Loop.of(kept, keptStrides);
        if (outer.n == 0) {
            return;
        }
        backend.launch(FILE, backend.typeOptions(x.dtype()), "argmax")
                .i32(outer.n).space(outer).int8(outer.strides[0])
                .i32(s.dim(axis)).i32(x.strides[axis])
                .mem(x.buffer("argMax")).i32(x.offset).mem(out.buffer("argMax"))
                .run1d(outer.n);
    }
}
