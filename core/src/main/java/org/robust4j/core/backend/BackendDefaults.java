package org.robust4j.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * Compositions behind the {@link Backend} defaults, and helpers backends share. Each is correct
 * on any backend that implements the abstract primitives; a backend overrides the corresponding
 * method only to go faster.
 */
public final class BackendDefaults {
    private BackendDefaults() {}

    /** {@code shape} without the given (ascending) axes. */
    public static Shape dropAxes(Shape shape, int[] axes) {
        int[] d = new int[shape.rank() - axes.length];
        int j = 0;
        int k = 0;
        for (int i = 0; i < shape.rank(); i++) {
            if (k < axes.length && axes[k] == i) {
                k++;
            } else {
                d[j++] = shape.dim(i);
            }
        }
        return Shape.of(d);
    }

    /** {@code m} clamped to the finite range, so subtracting it never produces inf - inf. */
    static NDArray finiteOrZero(Backend b, NDArray m) {
        double big = m.dtype() == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        try (NDArray lo = b.binaryScalar(BinaryOp.MIN, m, big, false)) {
            return b.binaryScalar(BinaryOp.MAX, lo, -big, false);
        }
    }

    static NDArray zeroPad(Backend b, NDArray x, int[] before, int[] after) {
        int r = x.shape().rank();
        int[] dims = x.shape().toArray();
        int[] ones = new int[r];
        for (int i = 0; i < r; i++) {
            dims[i] += before[i] + after[i];
            ones[i] = 1;
        }
        NDArray out = b.zeros(Shape.of(dims), x.dtype());
        b.setSlice(out, x, before, ones);
        return out;
    }

    /**
     * {@code where} as a selection, not arithmetic: {@code a} and {@code b} (broadcast, flattened) are
     * concatenated and element {@code i} is gathered from position {@code i} or {@code n + i}. Exact for
     * every value: a blend such as {@code a * c + b * (1 - c)} rounds when a and b differ in scale and
     * turns an infinity or NaN in the branch not taken (the {@code where(x > 0, log(x), 0)} pattern)
     * into NaN.
     */
    static NDArray whereBySelection(Backend b, NDArray cond, NDArray a, NDArray other) {
        Shape out = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), other.shape());
        int n = out.sizeAsInt();
        long[] range = new long[n];
        for (int i = 0; i < n; i++) {
            range[i] = i;
        }
        Shape flat = Shape.of(n);
        List<NDArray> tmp = new ArrayList<>();
        try {
            NDArray zero = track(tmp, b.full(Shape.scalar(), cond.dtype(), 0.0));
            NDArray isZero = track(tmp, b.compare(CompareOp.EQ, cond, zero));
            NDArray takeOther = track(tmp, b.cast(isZero, DType.INT64));
            NDArray takeOtherFull = track(tmp, b.broadcastTo(takeOther, out));
            NDArray takeOtherFlat = track(tmp, b.reshape(takeOtherFull, flat));
            NDArray offset = track(tmp, b.binaryScalar(BinaryOp.MUL, takeOtherFlat, n, false));
            NDArray positions = track(tmp, b.fromLongs(range, flat));
            NDArray idx = track(tmp, b.binary(BinaryOp.ADD, positions, offset));
            NDArray aFull = track(tmp, b.broadcastTo(a, out));
            NDArray aFlat = track(tmp, b.reshape(aFull, flat));
            NDArray otherFull = track(tmp, b.broadcastTo(other, out));
            NDArray otherFlat = track(tmp, b.reshape(otherFull, flat));
            NDArray both = track(tmp, b.concat(List.of(aFlat, otherFlat), 0));
            NDArray picked = track(tmp, b.gather(both, 0, idx));
            return b.reshape(picked, out);
        } finally {
            for (NDArray t : tmp) {
                t.close();
            }
        }
    }

    /** Wrap-around padding as a gather with indices {@code (i - before) mod n}: any pad width works. */
    static NDArray circularPad(Backend b, NDArray x, int[] before, int[] after) {
        NDArray cur = x;
        for (int axis = 0; axis < x.shape().rank(); axis++) {
            if (before[axis] == 0 && after[axis] == 0) {
                continue;
            }
            NDArray next;
            try (NDArray idx = b.fromLongs(circularIndices(cur.shape().dim(axis), before[axis], after[axis]),
                    Shape.of(cur.shape().dim(axis) + before[axis] + after[axis]))) {
                next = b.gather(cur, axis, idx);
            }
            if (cur != x) {
                cur.close();
            }
            cur = next;
        }
        return cur == x ? b.copy(x) : cur;
    }

    /** Source index of every position of an axis of length {@code n} padded circularly. */
    public static long[] circularIndices(int n, int before, int after) {
        if (n == 0) {
            throw new IllegalArgumentException("pad: cannot pad an empty axis circularly");
        }
        long[] idx = new long[n + before + after];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = Math.floorMod(i - before, n);
        }
        return idx;
    }

    /** index_add as {@code onehot(indices)^T @ src}, with {@code axis} moved to the front. */
    static NDArray scatterAddByMatmul(Backend b, NDArray src, int axis, NDArray indices, int size) {
        Shape s = src.shape();
        int r = s.rank();
        int[] perm = moveToFront(axis, r);
        int m = s.dim(axis);
        int rest = 1;  // product of the other dimensions (not size / m, which is 0 / 0 when m == 0)
        int[] permDims = new int[r];
        for (int i = 0; i < r; i++) {
            permDims[i] = s.dim(perm[i]);
            rest *= i == 0 ? 1 : permDims[i];
        }
        try (NDArray p = b.permute(src, perm);
             NDArray p2 = b.reshape(p, Shape.of(m, rest));
             NDArray oh = b.oneHot(indices, size, src.dtype());
             NDArray prod = b.matmul(oh, p2, true, false)) {
            permDims[0] = size;
            try (NDArray back = b.reshape(prod, Shape.of(permDims))) {
                return b.permute(back, inverse(perm));
            }
        }
    }

    static NDArray oneHot(Backend b, NDArray indices, int classes, DType dtype) {
        long[] range = new long[classes];
        for (int i = 0; i < classes; i++) {
            range[i] = i;
        }
        try (NDArray idx = b.cast(indices, DType.INT64);
             NDArray col = b.reshape(idx, indices.shape().append(1));
             NDArray ar = b.fromLongs(range, Shape.of(classes));
             NDArray eq = b.compare(CompareOp.EQ, col, ar)) {
            return b.cast(eq, dtype);
        }
    }

    static NDArray hostUniform(Backend b, Shape shape, DType dtype, double lo, double hi, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[shape.sizeAsInt()];
        // Rounding to float can carry a draw just below hi up to hi: keep the interval half-open.
        double top = dtype == DType.FLOAT32 ? Math.nextDown((float) hi) : hi;
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
            if (dtype == DType.FLOAT32 && (float) v[i] >= hi && lo < hi) {
                v[i] = top;
            }
        }
        return fromHost(b, v, shape, dtype);
    }

    static NDArray hostNormal(Backend b, Shape shape, DType dtype, double mean, double std, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[shape.sizeAsInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = mean + std * rng.nextGaussian();
        }
        return fromHost(b, v, shape, dtype);
    }

    private static NDArray fromHost(Backend b, double[] v, Shape shape, DType dtype) {
        if (dtype == DType.FLOAT64) {
            return b.fromDoubles(v, shape);
        }
        try (NDArray d = b.fromDoubles(v, shape)) {
            return b.cast(d, dtype);
        }
    }

    /** Inverse-CDF sampling: {@code loc - b sign(u) log(1 - 2|u|)} with u uniform on (-1/2, 1/2). */
    static NDArray laplaceFromUniform(Backend b, Shape shape, DType dtype, double loc, double scale, long seed) {
        double tiny = dtype == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        try (NDArray u = b.randomUniform(shape, dtype, -0.5, 0.5, seed);
             NDArray a = b.unary(UnaryOp.ABS, u);
             NDArray t = b.binaryScalar(BinaryOp.MUL, a, -2.0, false);
             NDArray t1 = b.binaryScalar(BinaryOp.ADD, t, 1.0, false);
             NDArray tc = b.binaryScalar(BinaryOp.MAX, t1, tiny, false);
             NDArray l = b.unary(UnaryOp.LOG, tc);
             NDArray s = b.unary(UnaryOp.SIGN, u);
             NDArray sl = b.binary(BinaryOp.MUL, s, l);
             NDArray scaled = b.binaryScalar(BinaryOp.MUL, sl, -scale, false)) {
            return b.binaryScalar(BinaryOp.ADD, scaled, loc, false);
        }
    }

    /** DFT as matrix products with cos/sin tables: O(n^2) per row but exact for any length. */
    static NDArray[] dft(Backend b, NDArray re, NDArray im, int dims, boolean inverse) {
        if (dims == 1) {
            return dftLastAxis(b, re, im, inverse);
        }
        int r = re.shape().rank();
        int[] swap = new int[r];
        for (int i = 0; i < r; i++) {
            swap[i] = i;
        }
        swap[r - 1] = r - 2;
        swap[r - 2] = r - 1;
        NDArray[] rows = dftLastAxis(b, re, im, inverse);
        try (NDArray tr = b.permute(rows[0], swap); NDArray ti = b.permute(rows[1], swap)) {
            rows[0].close();
            rows[1].close();
            NDArray[] cols = dftLastAxis(b, tr, ti, inverse);
            try (NDArray c0 = cols[0]; NDArray c1 = cols[1]) {
                return new NDArray[] {b.permute(c0, swap), b.permute(c1, swap)};
            }
        }
    }

    private static NDArray[] dftLastAxis(Backend b, NDArray re, NDArray im, boolean inverse) {
        Shape s = re.shape();
        int n = s.dim(-1);
        int rows = (int) (s.size() / Math.max(1, n));
        double[] c = new double[n * n];
        double[] sn = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                double theta = 2 * Math.PI * ((long) j * k % n) / n;
                c[j * n + k] = Math.cos(theta);
                sn[j * n + k] = Math.sin(theta);
            }
        }
        DType dt = re.dtype();
        List<NDArray> tmp = new ArrayList<>();
        try {
            NDArray cm = track(tmp, fromHost(b, c, Shape.of(n, n), dt));
            NDArray sm = track(tmp, fromHost(b, sn, Shape.of(n, n), dt));
            NDArray xr = track(tmp, b.reshape(re, Shape.of(rows, n)));
            NDArray xrC = track(tmp, b.matmul(xr, cm, false, false));
            NDArray xrS = track(tmp, b.matmul(xr, sm, false, false));
            NDArray outR;
            NDArray outI;
            if (im == null) {
                // forward: (xr)(C - iS); inverse: (xr)(C + iS)
                outR = xrC;
                outI = track(tmp, inverse ? b.copy(xrS) : b.unary(UnaryOp.NEG, xrS));
            } else {
                NDArray xi = track(tmp, b.reshape(im, Shape.of(rows, n)));
                NDArray xiC = track(tmp, b.matmul(xi, cm, false, false));
                NDArray xiS = track(tmp, b.matmul(xi, sm, false, false));
                outR = track(tmp, inverse ? b.binary(BinaryOp.SUB, xrC, xiS) : b.binary(BinaryOp.ADD, xrC, xiS));
                outI = track(tmp, inverse ? b.binary(BinaryOp.ADD, xiC, xrS) : b.binary(BinaryOp.SUB, xiC, xrS));
            }
            if (inverse) {
                outR = track(tmp, b.binaryScalar(BinaryOp.DIV, outR, n, false));
                outI = track(tmp, b.binaryScalar(BinaryOp.DIV, outI, n, false));
            }
            return new NDArray[] {b.reshape(outR, s), b.reshape(outI, s)};
        } finally {
            for (NDArray t : tmp) {
                t.close();
            }
        }
    }

    /** Adds {@code a} to {@code list} (temporaries closed together in a finally block) and returns it. */
    static NDArray track(List<NDArray> list, NDArray a) {
        list.add(a);
        return a;
    }

    /** Permutation that moves {@code axis} to the front, keeping the others in order. */
    public static int[] moveToFront(int axis, int rank) {
        int[] p = new int[rank];
        p[0] = axis;
        int j = 1;
        for (int i = 0; i < rank; i++) {
            if (i != axis) {
                p[j++] = i;
            }
        }
        return p;
    }

    public static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    // ---------------------------------------------------------------- grouped convolution by splitting

    /** Grouped convolution as one ungrouped convolution per group, for backends without groups. */
    public static NDArray conv2dByGroups(Backend b, NDArray x, NDArray w, Conv2dSpec spec) {
        int g = spec.groups();
        Conv2dSpec one = spec.withGroups(1);
        List<NDArray> outs = new ArrayList<>(g);
        try {
            for (int i = 0; i < g; i++) {
                try (NDArray xi = channelSlice(b, x, i, g); NDArray wi = channelSlice(b, w, i, g, 0)) {
                    outs.add(b.conv2d(xi, wi, one));
                }
            }
            return b.concat(outs, 1);
        } finally {
            outs.forEach(NDArray::close);
        }
    }

    public static NDArray conv2dInputGradByGroups(Backend b, NDArray gy, NDArray w, Shape inputShape, Conv2dSpec spec) {
        int g = spec.groups();
        Conv2dSpec one = spec.withGroups(1);
        Shape inShape = inputShape.with(1, inputShape.dim(1) / g);
        List<NDArray> outs = new ArrayList<>(g);
        try {
            for (int i = 0; i < g; i++) {
                try (NDArray gi = channelSlice(b, gy, i, g); NDArray wi = channelSlice(b, w, i, g, 0)) {
                    outs.add(b.conv2dInputGrad(gi, wi, inShape, one));
                }
            }
            return b.concat(outs, 1);
        } finally {
            outs.forEach(NDArray::close);
        }
    }

    public static NDArray conv2dWeightGradByGroups(Backend b, NDArray x, NDArray gy, Shape weightShape, Conv2dSpec spec) {
        int g = spec.groups();
        Conv2dSpec one = spec.withGroups(1);
        Shape wShape = weightShape.with(0, weightShape.dim(0) / g);
        List<NDArray> outs = new ArrayList<>(g);
        try {
            for (int i = 0; i < g; i++) {
                try (NDArray xi = channelSlice(b, x, i, g); NDArray gi = channelSlice(b, gy, i, g)) {
                    outs.add(b.conv2dWeightGrad(xi, gi, wShape, one));
                }
            }
            return b.concat(outs, 0);
        } finally {
            outs.forEach(NDArray::close);
        }
    }

    private static NDArray channelSlice(Backend b, NDArray a, int group, int groups) {
        return channelSlice(b, a, group, groups, 1);
    }

    private static NDArray channelSlice(Backend b, NDArray a, int group, int groups, int axis) {
        int r = a.shape().rank();
        int[] st = new int[r];
        int[] en = a.shape().toArray();
        int[] sp = new int[r];
        java.util.Arrays.fill(sp, 1);
        int per = a.shape().dim(axis) / groups;
        st[axis] = group * per;
        en[axis] = (group + 1) * per;
        return b.slice(a, st, en, sp);
    }
}
