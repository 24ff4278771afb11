package org.robust4j.nd4j;

import org.jtransforms.fft.DoubleFFT_1D;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * FFT for the ND4J backend, which has none: JTransforms (pure Java, any length: mixed radix and
 * Bluestein) on a host copy, in double precision. A 2-D transform is a pass over the rows then
 * one over the columns of every trailing matrix; the matrices are split over threads.
 */
final class Nd4jFft {
    private final Nd4jBackend backend;

    Nd4jFft(Nd4jBackend backend) {
        this.backend = backend;
    }

    NDArray[] transform(NDArray re, NDArray im, int dims, boolean inverse) {
        Shape s = re.shape();
        DType dt = re.dtype();
        if (s.size() == 0) {
            return new NDArray[] {backend.zeros(s, dt), backend.zeros(s, dt)};
        }
        double[] r = backend.toDoubles(re);
        double[] i = im == null ? new double[r.length] : backend.toDoubles(im);
        int cols = s.dim(-1);
        int rows = dims == 2 ? s.dim(-2) : 1;
        int per = rows * cols;
        int items = r.length / per;
        // Items are independent: each chunk of them gets its own plans and buffer (a plan costs
        // about as much as a few dozen transforms of its length).
        RowChunks.run(items, per, (chunk, from, to) -> transformItems(r, i, rows, cols, dims, from, to, inverse));
        return new NDArray[] {fromHost(r, s, dt), fromHost(i, s, dt)};
    }

    private static void transformItems(double[] r, double[] i, int rows, int cols, int dims, int from, int to,
                                       boolean inverse) {
        int per = rows * cols;
        double[] buf = new double[2 * Math.max(rows, cols)];
        DoubleFFT_1D rowFft = cols > 1 ? new DoubleFFT_1D(cols) : null;
        DoubleFFT_1D colFft = dims == 2 && rows > 1 ? new DoubleFFT_1D(rows) : null;
        for (int it = from; it < to; it++) {
            int base = it * per;
            if (rowFft != null) {
                for (int row = 0; row < rows; row++) {
                    pass(rowFft, r, i, buf, base + row * cols, 1, cols, inverse);
                }
            }
            if (colFft != null) {
                for (int col = 0; col < cols; col++) {
                    pass(colFft, r, i, buf, base + col, cols, rows, inverse);
                }
            }
        }
    }

    /** Transforms the {@code n} complex values at {@code start, start+stride, ...} in place. */
    private static void pass(DoubleFFT_1D f, double[] r, double[] i, double[] buf, int start, int stride, int n,
                             boolean inverse) {
        for (int k = 0; k < n; k++) {
            buf[2 * k] = r[start + k * stride];
            buf[2 * k + 1] = i[start + k * stride];
        }
        if (inverse) {
            f.complexInverse(buf, true);
        } else {
            f.complexForward(buf);
        }
        for (int k = 0; k < n; k++) {
            r[start + k * stride] = buf[2 * k];
            i[start + k * stride] = buf[2 * k + 1];
        }
    }

    private NDArray fromHost(double[] v, Shape s, DType dt) {
        if (dt == DType.FLOAT64) {
            return backend.fromDoubles(v, s);
        }
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return backend.fromFloats(f, s);
    }
}
