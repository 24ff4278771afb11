package org.robust4j.core.io;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * A tensor's values on the Java heap: a dtype, a shape and one row-major primitive array
 * ({@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}, matching the dtype). It is
 * what the file readers produce and the writers consume, so the formats can be read, written and
 * tested without a backend; {@link #toTensor(Backend)} and {@link #of(Tensor)} cross over.
 *
 * <p>The array is held, not copied: whoever builds a {@code HostTensor} hands the array over.
 */
public final class HostTensor {
    private final DType dtype;
    private final Shape shape;
    private final Object values;

    private HostTensor(DType dtype, Shape shape, Object values, int length) {
        checkArgument(shape.size() == length, "HostTensor: %s values do not fill shape %s", length, shape);
        this.dtype = dtype;
        this.shape = shape;
        this.values = values;
    }

    public static HostTensor ofFloats(Shape shape, float[] values) {
        return new HostTensor(DType.FLOAT32, checkNotNull(shape, "shape"), values, values.length);
    }

    public static HostTensor ofDoubles(Shape shape, double[] values) {
        return new HostTensor(DType.FLOAT64, checkNotNull(shape, "shape"), values, values.length);
    }

    public static HostTensor ofInts(Shape shape, int[] values) {
        return new HostTensor(DType.INT32, checkNotNull(shape, "shape"), values, values.length);
    }

    public static HostTensor ofLongs(Shape shape, long[] values) {
        return new HostTensor(DType.INT64, checkNotNull(shape, "shape"), values, values.length);
    }

    /** Zeros of the given dtype and shape. */
    public static HostTensor zeros(DType dtype, Shape shape) {
        int n = shape.sizeAsInt();
        switch (dtype) {
            case FLOAT32: return ofFloats(shape, new float[n]);
            case FLOAT64: return ofDoubles(shape, new double[n]);
            case INT32: return ofInts(shape, new int[n]);
            case INT64: return ofLongs(shape, new long[n]);
            default: throw new IllegalArgumentException("HostTensor: unsupported dtype " + dtype);
        }
    }

    /** Copies a tensor's values to the heap, keeping its dtype and shape. */
    public static HostTensor of(Tensor t) {
        checkNotNull(t, "tensor");
        Shape s = t.shape();
        switch (t.dtype()) {
            case FLOAT32: return ofFloats(s, t.toFloatArray());
            case FLOAT64: return ofDoubles(s, t.toDoubleArray());
            case INT32: return ofInts(s, t.toIntArray());
            case INT64: return ofLongs(s, t.toLongArray());
            default: throw new IllegalArgumentException("HostTensor.of: unsupported dtype " + t.dtype());
        }
    }

    /** A tensor on {@code backend} with these values; created on the calling thread, so it joins its scope. */
    public Tensor toTensor(Backend backend) {
        checkNotNull(backend, "backend");
        switch (dtype) {
            case FLOAT32: return Tensor.wrap(backend.fromFloats((float[]) values, shape));
            case FLOAT64: return Tensor.wrap(backend.fromDoubles((double[]) values, shape));
            case INT32: return Tensor.wrap(backend.fromInts((int[]) values, shape));
            case INT64: return Tensor.wrap(backend.fromLongs((long[]) values, shape));
            default: throw new IllegalArgumentException("HostTensor: unsupported dtype " + dtype);
        }
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    /** Number of elements. */
    public int size() {
        return (int) shape.size();
    }

    /** The FLOAT32 values (the array itself, not a copy). */
    public float[] floats() {
        checkDType(DType.FLOAT32);
        return (float[]) values;
    }

    /** The FLOAT64 values (the array itself, not a copy). */
    public double[] doubles() {
        checkDType(DType.FLOAT64);
        return (double[]) values;
    }

    /** The INT32 values (the array itself, not a copy). */
    public int[] ints() {
        checkDType(DType.INT32);
        return (int[]) values;
    }

    /** The INT64 values (the array itself, not a copy). */
    public long[] longs() {
        checkDType(DType.INT64);
        return (long[]) values;
    }

    /** Element {@code i} (row-major) as a double, whatever the dtype. */
    public double getDouble(int i) {
        switch (dtype) {
            case FLOAT32: return ((float[]) values)[i];
            case FLOAT64: return ((double[]) values)[i];
            case INT32: return ((int[]) values)[i];
            case INT64: return ((long[]) values)[i];
            default: throw new IllegalStateException("unsupported dtype " + dtype);
        }
    }

    /** The backing array, whatever its type; for the codecs in this package. */
    Object array() {
        return values;
    }

    private void checkDType(DType expected) {
        checkArgument(dtype == expected, "HostTensor: values are %s, not %s", dtype, expected);
    }

    @Override
    public String toString() {
        return "HostTensor" + shape + " " + dtype;
    }
}
