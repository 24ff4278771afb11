package org.robust4j.attacks;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;

/**
 * Per-sample bookkeeping on batches {@code [N, ...]}: taking some samples out, putting them back,
 * and choosing per sample between two batches. Attacks use it for restarts, early stopping and
 * best-iterate tracking.
 */
public final class Rows {
    private Rows() {}

    /** The samples {@code rows} of {@code t}, in that order. */
    public static Tensor take(Tensor t, int[] rows) {
        return t.gather(0, indices(t, rows));
    }

    /** {@code full} with its samples {@code rows} replaced by the samples of {@code part} (in order). */
    public static Tensor replace(Tensor full, int[] rows, Tensor part) {
        checkArgument(part.dim(0) == rows.length, "replace: %s rows for a part of %s samples", rows.length, part.dim(0));
        if (rows.length == 0) {
            return full;
        }
        boolean[] mask = new boolean[full.dim(0)];
        for (int r : rows) {
            mask[r] = true;
        }
        return select(mask, part.scatterAdd(0, indices(full, rows), full.dim(0)), full);
    }

    /** Per sample, {@code a} where {@code mask} is true and {@code b} elsewhere. */
    public static Tensor select(boolean[] mask, Tensor a, Tensor b) {
        checkArgument(mask.length == a.dim(0), "select: %s flags for %s samples", mask.length, a.dim(0));
        double[] m = new double[mask.length];
        boolean all = true;
        boolean none = true;
        for (int i = 0; i < m.length; i++) {
            m[i] = mask[i] ? 1 : 0;
            all &= mask[i];
            none &= !mask[i];
        }
        if (all) {
            return a;
        }
        if (none) {
            return b;
        }
        return Tensor.where(column(a, m), a, b);
    }

    /** Per-sample values {@code [N]} as a tensor {@code [N, 1, ..., 1]} in {@code like}'s dtype, broadcasting against it. */
    public static Tensor column(Tensor like, double[] values) {
        int[] shape = new int[like.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = values.length;
        return Tensor.of(like.backend(), values, shape).cast(like.dtype());
    }

    /** Positions {@code i} where {@code flags[i] == value}. */
    public static int[] where(boolean[] flags, boolean value) {
        int k = 0;
        for (boolean f : flags) {
            k += f == value ? 1 : 0;
        }
        int[] out = new int[k];
        int j = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == value) {
                out[j++] = i;
            }
        }
        return out;
    }

    private static Tensor indices(Tensor t, int[] rows) {
        long[] l = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            l[i] = rows[i];
        }
        return Tensor.ofLongs(t.backend(), l, rows.length);
    }
}
