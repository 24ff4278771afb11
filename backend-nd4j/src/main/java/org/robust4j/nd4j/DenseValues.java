package org.robust4j.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A float or double array's values in row-major order, read and written in native memory
 * through an NIO view, so host-side algorithms (JTransforms' FFTs) can stream over a large
 * array a piece at a time instead of copying all of it onto the Java heap. The array is used
 * directly when it is its whole buffer, else through a dense copy (released by {@link #close}).
 */
final class DenseValues implements AutoCloseable {
    private final INDArray copy;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;

    private DenseValues(INDArray data, INDArray copy) {
        this.copy = copy;
        if (data.dataType() == DataType.FLOAT) {
            this.floats = data.data().asNioFloat();
            this.doubles = null;
        } else if (data.dataType() == DataType.DOUBLE) {
            this.floats = null;
            this.doubles = data.data().asNioDouble();
        } else {
            throw new IllegalArgumentException("nd4j: expected a float or double array, got " + data.dataType());
        }
    }

    /** The values of {@code x} (a dense copy when {@code x} is a view). */
    static DenseValues of(INDArray x) {
        boolean whole = Nd4jBackend.isWholeBuffer(x);
        INDArray d = whole ? x : x.dup('c');
        return new DenseValues(d, whole ? null : d);
    }

    /** Writable values of {@code out}, which must be its whole buffer (a freshly allocated output). */
    static DenseValues output(INDArray out) {
        if (!Nd4jBackend.isWholeBuffer(out)) {
            throw new IllegalArgumentException("nd4j: an output must be a whole dense buffer");
        }
        return new DenseValues(out, null);
    }

    /** The float view (float arrays only). */
    FloatBuffer floats() {
        if (floats == null) {
            throw new IllegalStateException("nd4j: not a float array");
        }
        return floats;
    }

    /** Reads values {@code [from, from + n)} into {@code dst[0, n)}. */
    void read(int from, double[] dst, int n) {
        if (floats != null) {
            for (int k = 0; k < n; k++) {
                dst[k] = floats.get(from + k);
            }
        } else {
            doubles.get(from, dst, 0, n);
        }
    }

    /** Writes {@code src[0, n)} to values {@code [from, from + n)} (rounded to float for a float array). */
    void write(int from, double[] src, int n) {
        if (floats != null) {
            for (int k = 0; k < n; k++) {
                floats.put(from + k, (float) src[k]);
            }
        } else {
            doubles.put(from, src, 0, n);
        }
    }

    @Override
    public void close() {
        if (copy != null) {
            copy.close();
        }
    }
}
