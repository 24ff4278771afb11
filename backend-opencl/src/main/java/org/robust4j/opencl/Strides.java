package org.robust4j.opencl;

import org.robust4j.core.tensor.Shape;

/** Stride arithmetic of strided arrays (all in elements). */
final class Strides {
    /** The most axes a kernel's index arithmetic handles (after {@link Loop} merges what it can). */
    static final int MAX_RANK = 8;

    private Strides() {}

    /** Row-major strides of a dense array of {@code shape}. */
    static int[] rowMajor(Shape shape) {
        int r = shape.rank();
        int[] s = new int[r];
        int acc = 1;
        for (int i = r - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(1, shape.dim(i));
        }
        return s;
    }

    /** True when the elements of {@code shape} with these strides lie densely in row-major order. */
    static boolean isContiguous(Shape shape, int[] strides) {
        long expect = 1;
        for (int i = shape.rank() - 1; i >= 0; i--) {
            int d = shape.dim(i);
            if (d == 0) {
                return true;
            }
            if (d != 1 && strides[i] != expect) {
                return false;
            }
            expect *= d;
        }
        return true;
    }

    /**
     * Strides that read an array of shape {@code from} as if broadcast to {@code to} (aligned on the
     * right, stride 0 along broadcast axes).
     */
    static int[] broadcast(Shape from, int[] strides, Shape to) {
        int r = to.rank();
        int off = r - from.rank();
        int[] s = new int[r];
        for (int i = 0; i < from.rank(); i++) {
            s[off + i] = from.dim(i) == 1 && to.dim(off + i) != 1 ? 0 : strides[i];
        }
        return s;
    }

    /** The strides of {@code x} seen through {@code perm}: output axis i is input axis perm[i]. */
    static int[] permute(int[] strides, int[] perm) {
        int[] s = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            s[i] = strides[perm[i]];
        }
        return s;
    }

    /** Checks that an array fits the kernels' 32-bit index arithmetic. */
    static int checkedSize(Shape shape, String op) {
        if (shape.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("opencl: " + op + ": " + shape + " has " + shape.size()
                    + " elements; this backend indexes arrays with 32-bit integers (at most 2^31 - 1 elements)");
        }
        return (int) shape.size();
    }
}
