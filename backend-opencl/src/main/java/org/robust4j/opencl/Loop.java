package org.robust4j.opencl;

import java.util.Arrays;
import org.robust4j.core.tensor.Shape;

/**
 * The index space of an elementwise kernel over several strided operands, with axes merged
 * wherever every operand allows it (a contiguous array becomes one axis; broadcasting a row
 * over a matrix, two), packed innermost axis first for the kernels' {@code int8} arguments.
 * The kernels turn a flat index into per-operand offsets with these dims and strides, so views
 * and broadcasts are read in place, never copied.
 */
final class Loop {
    /** Number of elements. */
    final int n;
    /** Number of axes after merging (0 for a single element). */
    final int rank;
    /** {@link Strides#MAX_RANK} dims, innermost first, padded with 1. */
    final int[] dims;
    /** Per operand, {@link Strides#MAX_RANK} strides, innermost first, padded with 0. */
    final int[][] strides;

    private Loop(int n, int rank, int[] dims, int[][] strides) {
        this.n = n;
        this.rank = rank;
        this.dims = dims;
        this.strides = strides;
    }

    /** The loop over {@code shape}; {@code operandStrides[j]} are operand j's strides, already broadcast to it. */
    static Loop of(Shape shape, int[]... operandStrides) {
        int r = shape.rank();
        int ops = operandStrides.length;
        int[] d = new int[r];
        int[][] s = new int[ops][r];
        int k = 0;
        // Walk from the innermost axis outwards, dropping size-1 axes and merging an axis into the
        // previous (inner) one when every operand steps over it as one run.
        for (int i = r - 1; i >= 0; i--) {
            int size = shape.dim(i);
            if (size == 1) {
                continue;
            }
            boolean merge = k > 0;
            for (int j = 0; j < ops && merge; j++) {
                merge = (long) operandStrides[j][i] == (long) s[j][k - 1] * d[k - 1];
            }
            if (merge) {
                d[k - 1] *= size;
            } else {
                d[k] = size;
                for (int j = 0; j < ops; j++) {
                    s[j][k] = operandStrides[j][i];
                }
                k++;
            }
        }
        if (k > Strides.MAX_RANK) {
            throw new UnsupportedOperationException("opencl: the elementwise kernels handle at most "
                    + Strides.MAX_RANK + " axes after merging, got " + k + " for " + shape);
        }
        int[] dims = new int[Strides.MAX_RANK];
        Arrays.fill(dims, 1);
        System.arraycopy(d, 0, dims, 0, k);
        int[][] strides = new int[ops][Strides.MAX_RANK];
        for (int j = 0; j < ops; j++) {
            System.arraycopy(s[j], 0, strides[j], 0, k);
        }
        return new Loop(Strides.checkedSize(shape, "elementwise"), k, dims, strides);
    }
}
