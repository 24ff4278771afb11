package org.robust4j.core.tensor;

import java.util.Arrays;

/**
 * An immutable list of dimension sizes, row-major (C order). A rank-0 shape is a scalar with
 * one element; a dimension of size 0 makes an empty tensor.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
            n *= d;
        }
        this.dims = dims;
        this.size = n;
    }

    /** A shape with the given dimensions (the array is copied). */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** A shape from long dimensions, as other libraries report them. */
    public static Shape of(long... dims) {
        int[] d = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dimension " + dims[i] + " is too large");
            }
            d[i] = (int) dims[i];
        }
        return d.length == 0 ? SCALAR : new Shape(d);
    }

    public static Shape scalar() {
        return SCALAR;
    }

    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this);
        }
        return dims[a];
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    /** Number of elements as an int, failing clearly when it does not fit in a Java array. */
    public int sizeAsInt() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + this + " has too many elements for a host array");
        }
        return (int) size;
    }

    /** A copy of the dimensions. */
    public int[] toArray() {
        return dims.clone();
    }

    public long[] toLongArray() {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }

    /** Row-major strides in elements. */
    public long[] strides() {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** This shape with dimension {@code axis} replaced by {@code size}. */
    public Shape with(int axis, int newSize) {
        int a = axis < 0 ? axis + dims.length : axis;
        int[] d = dims.clone();
        d[a] = newSize;
        return new Shape(d);
    }

    /** The dimensions from {@code from} (inclusive) to {@code to} (exclusive). */
    public Shape sub(int from, int to) {
        return Shape.of(Arrays.copyOfRange(dims, from, to));
    }

    /** Concatenation of this shape's dimensions and {@code more}. */
    public Shape append(int... more) {
        int[] d = Arrays.copyOf(dims, dims.length + more.length);
        System.arraycopy(more, 0, d, dims.length, more.length);
        return new Shape(d);
    }

    /** The NumPy broadcast of two shapes, or an error naming the op and both shapes. */
    public static Shape broadcast(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b
                        + " cannot be broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            }
        }
        return new Shape(out);
    }

    /** True when this shape broadcasts to {@code target} without changing {@code target}. */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int off = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + off]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
