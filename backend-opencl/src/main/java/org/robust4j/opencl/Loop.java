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
    /** Per dim, the multiplier that divides by it (see {@link #magic(int)}). */
    final int[] magic;
    /** Per dim, the shift that goes with {@link #magic}. */
    final int[] shift;

    private Loop(int n, int rank, int[] dims, int[][] strides) {
        this.n = n;
        this.rank = rank;
        this.dims = dims;
        this.strides = strides;
        this.magic = new int[Strides.MAX_RANK];
        this.shift = new int[Strides.MAX_RANK];
        for (int k = 0; k < Strides.MAX_RANK; k++) {
            int[] ms = magic(dims[k]);
            magic[k] = ms[0];
            shift[k] = ms[1];
        }
    }

    /**
     * An index space over {@code rank} axes of the given dims (innermost first, padded with 1),
     * as given: no merging, no operands.
     */
    static Loop space(int n, int rank, int[] dims) {
        return new Loop(n, rank, dims.clone(), new int[0][]);
    }

    /**
     * {@code {m, s}} such that {@code n / d == mulhi(n, m) >>> s} for every {@code 0 <= n < 2^31}
     * ({@code mulhi} the high 32 bits of the unsigned 64-bit product), for {@code 2 <= d < 2^31}:
     * with {@code p = 31 + ceil(log2 d)}, {@code m = ceil(2^p / d)} fits in 32 bits and its
     * rounding error {@code e = m d - 2^p < d} keeps {@code n e < 2^p}, so the floor is exact.
     * {@code {0, 0}} for {@code d <= 1} (the kernels do not divide by 1).
     */
    static int[] magic(int d) {
        if (d <= 1) {
            return new int[] {0, 0};
        }
        int k = 32 - Integer.numberOfLeadingZeros(d - 1);
        int p = 31 + k;
        long m = ((1L << p) + d - 1) / d;
        return new int[] {(int) m, k - 1};
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
