package org.robust4j.core.conformance.support;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * A host array for the naive references: row-major {@code double} values and a shape. Values of
 * every dtype fit (test data keeps integers well inside 2^53). Mutable on purpose: the references
 * fill their results element by element.
 */
public final class Host {
    public final Shape shape;
    public final double[] data;
    private final int[] dims;
    private final int[] strides;

    public Host(Shape shape, double[] data) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException(data.length + " values for shape " + shape);
        }
        this.shape = shape;
        this.data = data;
        this.dims = shape.toArray();
        this.strides = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = acc;
            acc *= dims[i];
        }
    }

    public static Host of(double[] data, int... shape) {
        return new Host(Shape.of(shape), data);
    }

    public static Host zeros(int... shape) {
        return zeros(Shape.of(shape));
    }

    public static Host zeros(Shape shape) {
        return new Host(shape, new double[shape.sizeAsInt()]);
    }

    public static Host full(Shape shape, double v) {
        double[] d = new double[shape.sizeAsInt()];
        Arrays.fill(d, v);
        return new Host(shape, d);
    }

    public static Host scalar(double v) {
        return new Host(Shape.scalar(), new double[] {v});
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis < 0 ? axis + dims.length : axis];
    }

    public int size() {
        return data.length;
    }

    /** Flat position of a full multi-index. */
    public int offset(int... idx) {
        int o = 0;
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= dims[i]) {
                throw new IndexOutOfBoundsException(Arrays.toString(idx) + " in " + shape);
            }
            o += idx[i] * strides[i];
        }
        return o;
    }

    public double get(int... idx) {
        return data[offset(idx)];
    }

    public void set(double v, int... idx) {
        data[offset(idx)] = v;
    }

    public void add(double v, int... idx) {
        data[offset(idx)] += v;
    }

    /** The multi-index of flat position {@code flat}. */
    public int[] unravel(int flat) {
        return unravel(flat, dims);
    }

    public static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] > 0) {
                idx[i] = flat % dims[i];
                flat /= dims[i];
            }
        }
        return idx;
    }

    public Host copy() {
        return new Host(shape, data.clone());
    }

    public Host map(DoubleUnaryOperator f) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(data[i]);
        }
        return new Host(shape, d);
    }

    /** The values a backend stores for {@code dtype}: floats rounded, integers truncated toward zero. */
    public Host roundTo(DType dtype) {
        return map(v -> round(v, dtype));
    }

    public static double round(double v, DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> (float) v;
            case FLOAT64 -> v;
            case INT32 -> (int) v;
            case INT64 -> (long) v;
        };
    }

    public Host reshape(int... shape) {
        return new Host(Shape.of(shape), data);
    }

    public float[] toFloats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return f;
    }

    public long[] toLongs() {
        long[] l = new long[data.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) data[i];
        }
        return l;
    }

    public int[] toInts() {
        int[] l = new int[data.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (int) data[i];
        }
        return l;
    }

    public double maxAbs() {
        double m = 0;
        for (double v : data) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Override
    public String toString() {
        return "Host" + shape + (data.length <= 24 ? " " + Arrays.toString(data) : "");
    }
}
