package org.robust4j.core.reference;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendDefaults;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.CompareOp;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.MemoryStats;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.backend.UnaryOp;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * A small pure-Java backend for tests: it implements only the abstract primitives of
 * {@link Backend} and inherits every default, so running the conformance kit on it checks the
 * defaults too (DFT, circular pad, scatterAdd by matmul, oneHot, Laplace, Bernoulli, logSumExp,
 * where, grouped convolution by splitting...).
 *
 * <p>Values live in {@code double[]} (floating dtypes) or {@code long[]} (integer dtypes);
 * FLOAT32 results are rounded to float after every primitive, so FLOAT32 behaves like a real
 * single-precision backend up to the order of accumulation. Single-threaded and slow; it is a
 * backend under test, not the oracle: the kit's naive references in
 * {@code org.robust4j.core.conformance.support} are written separately and differently
 * (for example, convolution here is im2col plus a matrix product).
 */
public final class JavaBackend implements Backend {
    final AtomicLong liveArrays = new AtomicLong();
    final AtomicLong liveBytes = new AtomicLong();

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Map<String, String> info() {
        return Map.of("implementation", "pure Java reference backend (tests only)", "threads", "1");
    }

    @Override
    public MemoryStats memory() {
        return new MemoryStats(liveArrays.get(), liveBytes.get(), 0);
    }

    // =================================================================== views and host transfers

    /** The addressing of a strided window on a storage, without a handle (for internal rearrangements). */
    private record View(JArray.Storage storage, int offset, int[] dims, int[] strides) {
        int size() {
            int n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }

        /** Storage index of every element, in row-major order of {@code dims}. */
        int[] positions() {
            int n = size();
            int[] pos = new int[n];
            int[] idx = new int[dims.length];
            int p = offset;
            for (int i = 0; i < n; i++) {
                pos[i] = p;
                for (int d = dims.length - 1; d >= 0; d--) {
                    idx[d]++;
                    p += strides[d];
                    if (idx[d] < dims[d]) {
                        break;
                    }
                    p -= strides[d] * dims[d];
                    idx[d] = 0;
                }
            }
            return pos;
        }

        View permute(int[] axes) {
            int[] d = new int[axes.length];
            int[] s = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                d[i] = dims[axes[i]];
                s[i] = strides[axes[i]];
            }
            return new View(storage, offset, d, s);
        }
    }

    private static JArray arr(NDArray a) {
        if (!(a instanceof JArray j)) {
            throw new IllegalArgumentException("reference backend: array " + a + " belongs to another backend");
        }
        j.checkOpen("reference backend");
        return j;
    }

    private static View view(NDArray a) {
        JArray j = arr(a);
        return new View(j.storage, j.offset, j.shape().toArray(), j.strides);
    }

    /** {@code a} seen with shape {@code out}: broadcast axes get stride 0. */
    private static View broadcastView(NDArray a, Shape out) {
        JArray j = arr(a);
        int r = out.rank();
        int lead = r - j.shape().rank();
        int[] s = new int[r];
        for (int i = 0; i < j.shape().rank(); i++) {
            s[lead + i] = j.shape().dim(i) == 1 && out.dim(lead + i) != 1 ? 0 : j.strides[i];
        }
        return new View(j.storage, j.offset, out.toArray(), s);
    }

    private static double[] readD(View v) {
        int[] pos = v.positions();
        double[] out = new double[pos.length];
        for (int i = 0; i < pos.length; i++) {
            out[i] = v.storage.f != null ? v.storage.f[pos[i]] : v.storage.l[pos[i]];
        }
        return out;
    }

    private static long[] readL(View v) {
        int[] pos = v.positions();
        long[] out = new long[pos.length];
        for (int i = 0; i < pos.length; i++) {
            out[i] = v.storage.l != null ? v.storage.l[pos[i]] : (long) v.storage.f[pos[i]];
        }
        return out;
    }

    private static double roundTo(DType dt, double v) {
        return dt == DType.FLOAT32 ? (float) v : v;
    }

    private static long wrapTo(DType dt, long v) {
        return dt == DType.INT32 ? (int) v : v;
    }

    /** Writes {@code values} (row-major over {@code dst.dims}) into a view of a {@code dt} storage, converting. */
    private static void writeD(View dst, DType dt, double[] values) {
        int[] pos = dst.positions();
        for (int i = 0; i < pos.length; i++) {
            if (dst.storage.f != null) {
                dst.storage.f[pos[i]] = roundTo(dt, values[i]);
            } else {
                dst.storage.l[pos[i]] = wrapTo(dt, (long) values[i]);
            }
        }
    }

    private static void writeL(View dst, DType dt, long[] values) {
        int[] pos = dst.positions();
        for (int i = 0; i < pos.length; i++) {
            if (dst.storage.l != null) {
                dst.storage.l[pos[i]] = wrapTo(dt, values[i]);
            } else {
                dst.storage.f[pos[i]] = roundTo(dt, values[i]);
            }
        }
    }

    /** Copies {@code src} into {@code dst} (same dims), exactly between integer types. */
    private static void transfer(View src, View dst, DType dstType) {
        if (src.storage.l != null && dst.storage.l != null) {
            writeL(dst, dstType, readL(src));
        } else {
            writeD(dst, dstType, readD(src));
        }
    }

    private JArray fresh(Shape s, DType dt) {
        return new JArray(this, s, dt, new JArray.Storage(this, dt, s.sizeAsInt()), 0, JArray.rowMajor(s));
    }

    private static View whole(JArray a) {
        return new View(a.storage, a.offset, a.shape().toArray(), a.strides);
    }

    private JArray ofDoubles(Shape s, DType dt, double[] v) {
        JArray r = fresh(s, dt);
        writeD(whole(r), dt, v);
        return r;
    }

    private JArray ofLongs(Shape s, DType dt, long[] v) {
        JArray r = fresh(s, dt);
        writeL(whole(r), dt, v);
        return r;
    }

    private static void checkLength(int length, Shape shape) {
        if (length != shape.size()) {
            throw new IllegalArgumentException("reference backend: " + length + " values for shape " + shape);
        }
    }

    // =================================================================== allocation and host copies

    @Override
    public NDArray full(Shape shape, DType dtype, double value) {
        double[] v = new double[shape.sizeAsInt()];
        Arrays.fill(v, value);
        return ofDoubles(shape, dtype, v);
    }

    @Override
    public NDArray fromFloats(float[] data, Shape shape) {
        checkLength(data.length, shape);
        double[] v = new double[data.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = data[i];
        }
        return ofDoubles(shape, DType.FLOAT32, v);
    }

    @Override
    public NDArray fromDoubles(double[] data, Shape shape) {
        checkLength(data.length, shape);
        return ofDoubles(shape, DType.FLOAT64, data);
    }

    @Override
    public NDArray fromInts(int[] data, Shape shape) {
        checkLength(data.length, shape);
        long[] v = new long[data.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = data[i];
        }
        return ofLongs(shape, DType.INT32, v);
    }

    @Override
    public NDArray fromLongs(long[] data, Shape shape) {
        checkLength(data.length, shape);
        return ofLongs(shape, DType.INT64, data);
    }

    @Override
    public float[] toFloats(NDArray a) {
        double[] d = readD(view(a));
        float[] f = new float[d.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Override
    public double[] toDoubles(NDArray a) {
        return readD(view(a));
    }

    @Override
    public long[] toLongs(NDArray a) {
        return readL(view(a));
    }

    @Override
    public NDArray cast(NDArray a, DType dtype) {
        JArray r = fresh(a.shape(), dtype);
        transfer(view(a), whole(r), dtype);
        return r;
    }

    @Override
    public NDArray copy(NDArray a) {
        return cast(a, a.dtype());
    }

    @Override
    public void assign(NDArray dst, NDArray src) {
        View from = broadcastView(src, dst.shape());
        // Read everything before writing: src may share storage with dst.
        if (from.storage.l != null && arr(dst).storage.l != null) {
            writeL(view(dst), dst.dtype(), readL(from));
        } else {
            writeD(view(dst), dst.dtype(), readD(from));
        }
    }

    // =================================================================== elementwise

    @Override
    public NDArray unary(UnaryOp op, NDArray x) {
        double[] v = readD(view(x));
        for (int i = 0; i < v.length; i++) {
            v[i] = apply(op, v[i]);
        }
        return ofDoubles(x.shape(), x.dtype(), v);
    }

    private static double apply(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1.0 / Math.sqrt(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1.0 / x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            case RELU -> Math.max(0.0, x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ERF -> erf(x);
        };
    }

    /**
     * Error function: the alternating Maclaurin series below 2.5, the continued fraction of erfc
     * above (a different method from the kit's reference on purpose).
     */
    static double erf(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        if (a < 2.5) {
            double term = x;
            double sum = x;
            for (int n = 1; n < 200; n++) {
                term *= -x * x / n;
                double t = term / (2 * n + 1);
                sum += t;
                if (Math.abs(t) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        if (a > 7) {
            return Math.signum(x);
        }
        // erfc(a) = e^{-a^2}/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a + ...)))), evaluated from the tail.
        double t = a;
        for (int k = 120; k >= 1; k--) {
            t = a + (k / 2.0) / t;
        }
        double erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / t;
        return Math.copySign(1 - erfc, x);
    }

    @Override
    public NDArray binary(BinaryOp op, NDArray a, NDArray b) {
        Shape out = Shape.broadcast("binary", a.shape(), b.shape());
        View va = broadcastView(a, out);
        View vb = broadcastView(b, out);
        if (!a.dtype().isFloating()) {
            long[] x = readL(va);
            long[] y = readL(vb);
            long[] r = new long[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = applyLong(op, x[i], y[i]);
            }
            return ofLongs(out, a.dtype(), r);
        }
        double[] x = readD(va);
        double[] y = readD(vb);
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = apply(op, x[i], y[i]);
        }
        return ofDoubles(out, a.dtype(), r);
    }

    private static double apply(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> Math.pow(x, y);
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
        };
    }

    private static long applyLong(BinaryOp op, long x, long y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> y == 0 ? 0 : x / y;
            case POW -> (long) Math.pow(x, y);
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
        };
    }

    @Override
    public NDArray compare(CompareOp op, NDArray a, NDArray b) {
        Shape out = Shape.broadcast("compare", a.shape(), b.shape());
        View va = broadcastView(a, out);
        View vb = broadcastView(b, out);
        double[] r = new double[out.sizeAsInt()];
        if (!a.dtype().isFloating() && !b.dtype().isFloating()) {
            long[] x = readL(va);
            long[] y = readL(vb);
            for (int i = 0; i < r.length; i++) {
                int c = Long.compare(x[i], y[i]);
                r[i] = holds(op, c, false) ? 1 : 0;
            }
        } else {
            double[] x = readD(va);
            double[] y = readD(vb);
            for (int i = 0; i < r.length; i++) {
                boolean nan = Double.isNaN(x[i]) || Double.isNaN(y[i]);
                r[i] = holds(op, nan ? 0 : Double.compare(x[i] + 0.0, y[i] + 0.0), nan) ? 1 : 0;
            }
        }
        return ofDoubles(out, a.dtype(), r);
    }

    /** Whether {@code op} holds for a three-way comparison result; NaN is unordered (only NE holds). */
    private static boolean holds(CompareOp op, int c, boolean unordered) {
        if (unordered) {
            return op == CompareOp.NE;
        }
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    // =================================================================== reductions

    /** Moves the reduced axes last, so each output element reduces one contiguous run of the permuted values. */
    @Override
    public NDArray reduce(ReduceOp op, NDArray x, int[] axes, boolean keepDims) {
        int r = x.shape().rank();
        boolean[] reduced = new boolean[r];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] perm = new int[r];
        int j = 0;
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < r; i++) {
            if (!reduced[i]) {
                perm[j++] = i;
                outer *= x.shape().dim(i);
            }
        }
        for (int i = 0; i < r; i++) {
            if (reduced[i]) {
                perm[j++] = i;
                inner *= x.shape().dim(i);
            }
        }
        double[] v = readD(view(x).permute(perm));
        double[] out = new double[outer];
        for (int o = 0; o < outer; o++) {
            double acc = switch (op) {
                case SUM, MEAN -> 0;
                case PROD -> 1;
                case MAX -> Double.NEGATIVE_INFINITY;
                case MIN -> Double.POSITIVE_INFINITY;
            };
            for (int i = 0; i < inner; i++) {
                double e = v[o * inner + i];
                acc = switch (op) {
                    case SUM, MEAN -> acc + e;
                    case PROD -> acc * e;
                    case MAX -> Math.max(acc, e);
                    case MIN -> Math.min(acc, e);
                };
            }
            out[o] = op == ReduceOp.MEAN ? acc / inner : acc;
        }
        return ofDoubles(reducedShape(x.shape(), reduced, keepDims), x.dtype(), out);
    }

    private static Shape reducedShape(Shape s, boolean[] reduced, boolean keepDims) {
        int[] d = new int[s.rank()];
        int n = 0;
        for (int i = 0; i < s.rank(); i++) {
            if (!reduced[i]) {
                d[n++] = s.dim(i);
            } else if (keepDims) {
                d[n++] = 1;
            }
        }
        return Shape.of(Arrays.copyOf(d, n));
    }

    @Override
    public NDArray argMax(NDArray x, int axis, boolean keepDims) {
        int[] perm = BackendDefaults.moveToFront(axis, x.shape().rank());
        // moveToFront puts the axis first; rotate it to the end instead.
        int[] last = new int[perm.length];
        System.arraycopy(perm, 1, last, 0, perm.length - 1);
        last[perm.length - 1] = axis;
        double[] v = readD(view(x).permute(last));
        int n = x.shape().dim(axis);
        int outer = n == 0 ? 0 : v.length / n;
        long[] out = new long[outer];
        for (int o = 0; o < outer; o++) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (v[o * n + i] > v[o * n + best]) {
                    best = i;
                }
            }
            out[o] = best;
        }
        boolean[] reduced = new boolean[x.shape().rank()];
        reduced[axis] = true;
        return ofLongs(reducedShape(x.shape(), reduced, keepDims), DType.INT64, out);
    }

    // =================================================================== linear algebra

    /** Reads both operands as contiguous {@code [batch, m, k]} and {@code [batch, k, n]} blocks, then multiplies. */
    @Override
    public NDArray matmul(NDArray a, NDArray b, boolean transA, boolean transB) {
        Shape as = a.shape();
        Shape bs = b.shape();
        int m = transA ? as.dim(-1) : as.dim(-2);
        int k = transA ? as.dim(-2) : as.dim(-1);
        int n = transB ? bs.dim(-2) : bs.dim(-1);
        Shape batch = Shape.broadcast("matmul", as.sub(0, as.rank() - 2), bs.sub(0, bs.rank() - 2));
        double[] x = readD(operandView(a, batch, m, k, transA));
        double[] y = readD(operandView(b, batch, k, n, transB));
        int nb = batch.sizeAsInt();
        double[] out = new double[nb * m * n];
        for (int t = 0; t < nb; t++) {
            gemm(x, t * m * k, y, t * k * n, out, t * m * n, m, k, n);
        }
        return ofDoubles(batch.append(m, n), a.dtype(), out);
    }

    /** {@code a} seen as {@code batch ++ [rows, cols]}, transposing its last two axes when {@code trans}. */
    private static View operandView(NDArray a, Shape batch, int rows, int cols, boolean trans) {
        JArray j = arr(a);
        int r = a.shape().rank();
        Shape own = a.shape().sub(0, r - 2);
        int lead = batch.rank() - own.rank();
        int[] dims = batch.append(rows, cols).toArray();
        int[] s = new int[dims.length];
        for (int i = 0; i < own.rank(); i++) {
            s[lead + i] = own.dim(i) == 1 && batch.dim(lead + i) != 1 ? 0 : j.strides[i];
        }
        s[dims.length - 2] = trans ? j.strides[r - 1] : j.strides[r - 2];
        s[dims.length - 1] = trans ? j.strides[r - 2] : j.strides[r - 1];
        return new View(j.storage, j.offset, dims, s);
    }

    /** {@code c[m,n] = a[m,k] @ b[k,n]} on contiguous blocks, accumulating in double. */
    private static void gemm(double[] a, int ao, double[] b, int bo, double[] c, int co, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = a[ao + i * k + p];
                for (int j = 0; j < n; j++) {
                    c[co + i * n + j] += aip * b[bo + p * n + j];
                }
            }
        }
    }

    // =================================================================== convolution (im2col) and pooling

    @Override
    public NDArray conv2d(NDArray x, NDArray w, Conv2dSpec spec) {
        if (spec.groups() > 1) {
            return BackendDefaults.conv2dByGroups(this, x, w, spec);
        }
        Shape xs = x.shape();
        Shape ws = w.shape();
        int n = xs.dim(0);
        int cout = ws.dim(0);
        int oh = spec.outH(xs.dim(2), ws.dim(2));
        int ow = spec.outW(xs.dim(3), ws.dim(3));
        int rows = ws.dim(1) * ws.dim(2) * ws.dim(3);
        double[] xv = readD(view(x));
        double[] wv = readD(view(w));
        double[] out = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            double[] col = im2col(xv, b, xs, ws, spec, oh, ow);
            double[] y = new double[cout * oh * ow];
            gemm(wv, 0, col, 0, y, 0, cout, rows, oh * ow);
            System.arraycopy(y, 0, out, b * y.length, y.length);
        }
        return ofDoubles(Shape.of(n, cout, oh, ow), x.dtype(), out);
    }

    @Override
    public NDArray conv2dInputGrad(NDArray gradOut, NDArray w, Shape inputShape, Conv2dSpec spec) {
        if (spec.groups() > 1) {
            return BackendDefaults.conv2dInputGradByGroups(this, gradOut, w, inputShape, spec);
        }
        Shape ws = w.shape();
        int n = inputShape.dim(0);
        int cout = ws.dim(0);
        int oh = gradOut.shape().dim(2);
        int ow = gradOut.shape().dim(3);
        int rows = ws.dim(1) * ws.dim(2) * ws.dim(3);
        double[] wt = transpose(readD(view(w)), cout, rows);
        double[] gv = readD(view(gradOut));
        double[] dx = new double[inputShape.sizeAsInt()];
        int plane = inputShape.dim(1) * inputShape.dim(2) * inputShape.dim(3);
        for (int b = 0; b < n; b++) {
            double[] col = new double[rows * oh * ow];
            gemm(wt, 0, gv, b * cout * oh * ow, col, 0, rows, cout, oh * ow);
            col2im(col, dx, b * plane, inputShape, ws, spec, oh, ow);
        }
        return ofDoubles(inputShape, gradOut.dtype(), dx);
    }

    @Override
    public NDArray conv2dWeightGrad(NDArray x, NDArray gradOut, Shape weightShape, Conv2dSpec spec) {
        if (spec.groups() > 1) {
            return BackendDefaults.conv2dWeightGradByGroups(this, x, gradOut, weightShape, spec);
        }
        Shape xs = x.shape();
        int n = xs.dim(0);
        int cout = weightShape.dim(0);
        int oh = gradOut.shape().dim(2);
        int ow = gradOut.shape().dim(3);
        int rows = weightShape.dim(1) * weightShape.dim(2) * weightShape.dim(3);
        double[] xv = readD(view(x));
        double[] gv = readD(view(gradOut));
        double[] dw = new double[cout * rows];
        for (int b = 0; b < n; b++) {
            double[] colT = transpose(im2col(xv, b, xs, weightShape, spec, oh, ow), rows, oh * ow);
            gemm(gv, b * cout * oh * ow, colT, 0, dw, 0, cout, oh * ow, rows);
        }
        return ofDoubles(weightShape, x.dtype(), dw);
    }

    /** The {@code [c*kh*kw, oh*ow]} patch matrix of image {@code b}; taps in the padding are zero. */
    private static double[] im2col(double[] x, int b, Shape xs, Shape ws, Conv2dSpec s, int oh, int ow) {
        int c = xs.dim(1);
        int h = xs.dim(2);
        int w = xs.dim(3);
        int kh = ws.dim(2);
        int kw = ws.dim(3);
        double[] col = new double[c * kh * kw * oh * ow];
        int row = 0;
        for (int ci = 0; ci < c; ci++) {
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++, row++) {
                    for (int i = 0; i < oh; i++) {
                        int ih = i * s.strideH() - s.padH() + u * s.dilationH();
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        for (int j = 0; j < ow; j++) {
                            int iw = j * s.strideW() - s.padW() + v * s.dilationW();
                            if (iw >= 0 && iw < w) {
                                col[(row * oh + i) * ow + j] = x[((b * c + ci) * h + ih) * w + iw];
                            }
                        }
                    }
                }
            }
        }
        return col;
    }

    /** Adds the patch matrix back into image {@code b} of {@code dx}: the adjoint of {@link #im2col}. */
    private static void col2im(double[] col, double[] dx, int base, Shape xs, Shape ws, Conv2dSpec s, int oh, int ow) {
        int c = xs.dim(1);
        int h = xs.dim(2);
        int w = xs.dim(3);
        int kh = ws.dim(2);
        int kw = ws.dim(3);
        int row = 0;
        for (int ci = 0; ci < c; ci++) {
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++, row++) {
                    for (int i = 0; i < oh; i++) {
                        int ih = i * s.strideH() - s.padH() + u * s.dilationH();
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        for (int j = 0; j < ow; j++) {
                            int iw = j * s.strideW() - s.padW() + v * s.dilationW();
                            if (iw >= 0 && iw < w) {
                                dx[base + (ci * h + ih) * w + iw] += col[(row * oh + i) * ow + j];
                            }
                        }
                    }
                }
            }
        }
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    @Override
    public NDArray maxPool2d(NDArray x, Pool2dSpec spec) {
        return pool(x, null, spec, true);
    }

    @Override
    public NDArray maxPool2dGrad(NDArray x, NDArray gradOut, Pool2dSpec spec) {
        return pool(x, gradOut, spec, true);
    }

    @Override
    public NDArray avgPool2d(NDArray x, Pool2dSpec spec) {
        return pool(x, null, spec, false);
    }

    @Override
    public NDArray avgPool2dGrad(Shape inputShape, NDArray gradOut, Pool2dSpec spec) {
        try (NDArray zeros = zeros(inputShape, gradOut.dtype())) {
            return pool(zeros, gradOut, spec, false);
        }
    }

    /**
     * One pass over every window: the forward value when {@code gradOut} is null, otherwise the
     * input gradient (to the window's first maximum, or spread evenly for the average).
     */
    private NDArray pool(NDArray x, NDArray gradOut, Pool2dSpec p, boolean max) {
        Shape xs = x.shape();
        int n = xs.dim(0);
        int c = xs.dim(1);
        int h = xs.dim(2);
        int w = xs.dim(3);
        int oh = p.outH(h);
        int ow = p.outW(w);
        double[] xv = readD(view(x));
        double[] g = gradOut == null ? null : readD(view(gradOut));
        double[] out = new double[g == null ? n * c * oh * ow : xv.length];
        double area = p.kernelH() * p.kernelW();
        for (int plane = 0; plane < n * c; plane++) {
            int xBase = plane * h * w;
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int o = (plane * oh + i) * ow + j;
                    int arg = -1;
                    double acc = 0;
                    for (int u = 0; u < p.kernelH(); u++) {
                        int ih = i * p.strideH() - p.padH() + u;
                        for (int v = 0; v < p.kernelW(); v++) {
                            int iw = j * p.strideW() - p.padW() + v;
                            if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                                continue;
                            }
                            int at = xBase + ih * w + iw;
                            if (max) {
                                if (arg < 0 || xv[at] > xv[arg]) {
                                    arg = at;
                                }
                            } else if (g == null) {
                                acc += xv[at];
                            } else {
                                out[at] += g[o] / area;
                            }
                        }
                    }
                    if (g == null) {
                        out[o] = max ? xv[arg] : acc / area;
                    } else if (max) {
                        out[arg] += g[o];
                    }
                }
            }
        }
        return ofDoubles(g == null ? Shape.of(n, c, oh, ow) : xs, x.dtype(), out);
    }

    // =================================================================== movement

    @Override
    public NDArray reshape(NDArray x, Shape shape) {
        JArray j = arr(x);
        if (shape.size() != x.shape().size()) {
            throw new IllegalArgumentException("reference backend: reshape of " + x.shape() + " into " + shape);
        }
        if (j.isContiguous()) {
            return new JArray(this, shape, x.dtype(), j.storage, j.offset, JArray.rowMajor(shape));
        }
        JArray c = fresh(shape, x.dtype());
        transfer(view(x), new View(c.storage, 0, x.shape().toArray(), JArray.rowMajor(x.shape())), x.dtype());
        return c;
    }

    @Override
    public NDArray permute(NDArray x, int... axes) {
        View v = view(x).permute(axes);
        return new JArray(this, Shape.of(v.dims()), x.dtype(), v.storage(), v.offset(), v.strides());
    }

    @Override
    public NDArray slice(NDArray x, int[] starts, int[] ends, int[] steps) {
        View v = region(view(x), starts, ends, steps);
        return new JArray(this, Shape.of(v.dims()), x.dtype(), v.storage(), v.offset(), v.strides());
    }

    /** The strided region {@code starts[i] : ends[i] : steps[i]} of a view. */
    private static View region(View v, int[] starts, int[] ends, int[] steps) {
        int r = v.dims().length;
        int[] d = new int[r];
        int[] s = new int[r];
        int off = v.offset();
        boolean empty = false;
        for (int i = 0; i < r; i++) {
            d[i] = Math.max(0, (ends[i] - starts[i] + steps[i] - 1) / steps[i]);
            s[i] = v.strides()[i] * steps[i];
            empty |= d[i] == 0;
        }
        if (!empty) {
            for (int i = 0; i < r; i++) {
                off += starts[i] * v.strides()[i];
            }
        }
        return new View(v.storage(), off, d, s);
    }

    @Override
    public void setSlice(NDArray dst, NDArray src, int[] starts, int[] steps) {
        int[] ends = new int[starts.length];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = starts[i] + (src.shape().dim(i) - 1) * steps[i] + 1;
        }
        View target = region(view(dst), starts, ends, steps);
        if (src.shape().size() == 0) {
            return;
        }
        // Read the whole source first: it may share storage with dst.
        if (arr(src).storage.l != null && target.storage().l != null) {
            writeL(target, dst.dtype(), readL(view(src)));
        } else {
            writeD(target, dst.dtype(), readD(view(src)));
        }
    }

    @Override
    public NDArray concat(List<NDArray> xs, int axis) {
        NDArray first = xs.get(0);
        int total = 0;
        for (NDArray x : xs) {
            total += x.shape().dim(axis);
        }
        JArray out = fresh(first.shape().with(axis, total), first.dtype());
        int at = 0;
        int r = first.shape().rank();
        for (NDArray x : xs) {
            int[] starts = new int[r];
            int[] ends = out.shape().toArray();
            int[] steps = new int[r];
            Arrays.fill(steps, 1);
            starts[axis] = at;
            ends[axis] = at + x.shape().dim(axis);
            transfer(view(x), region(whole(out), starts, ends, steps), first.dtype());
            at = ends[axis];
        }
        return out;
    }

    // =================================================================== indexing

    /** Copies whole {@code inner} runs: {@code out[o, j, :] = x[o, indices[j], :]}. */
    @Override
    public NDArray gather(NDArray x, int axis, NDArray indices) {
        Shape s = x.shape();
        int n = s.dim(axis);
        int inner = 1;
        for (int i = axis + 1; i < s.rank(); i++) {
            inner *= s.dim(i);
        }
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= s.dim(i);
        }
        long[] idx = readL(view(indices));
        Shape os = s.with(axis, idx.length);
        if (x.dtype().isFloating()) {
            double[] v = readD(view(x));
            double[] out = new double[os.sizeAsInt()];
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < idx.length; j++) {
                    System.arraycopy(v, (o * n + (int) idx[j]) * inner, out, (o * idx.length + j) * inner, inner);
                }
            }
            return ofDoubles(os, x.dtype(), out);
        }
        long[] v = readL(view(x));
        long[] out = new long[os.sizeAsInt()];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < idx.length; j++) {
                System.arraycopy(v, (o * n + (int) idx[j]) * inner, out, (o * idx.length + j) * inner, inner);
            }
        }
        return ofLongs(os, x.dtype(), out);
    }
}
