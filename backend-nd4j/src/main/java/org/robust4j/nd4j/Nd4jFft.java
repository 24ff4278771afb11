package org.robust4j.nd4j;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * FFT for the ND4J backend, which has none: JTransforms (pure Java, any length: mixed radix and
 * Bluestein) in double precision. A 2-D transform is a pass over the rows then one over the
 * columns of every trailing matrix. The matrices stream one at a time from the input's native
 * memory through a small host buffer into the outputs, split over threads: a transform of a
 * multi-gigabyte batch (the per-frequency matrices of a large convolution) needs no copy of it on
 * the Java heap.
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
        int cols = s.dim(-1);
        int rows = dims == 2 ? s.dim(-2) : 1;
        int per = rows * cols;
        int items = (int) (s.size() / per);
        Nd4jArray outRe = backend.alloc(s, dt);
        Nd4jArray outIm = backend.alloc(s, dt);
        try (DenseValues r = DenseValues.of(Nd4jBackend.nd(re));
             DenseValues i = im == null ? null : DenseValues.of(Nd4jBackend.nd(im));
             DenseValues or = DenseValues.output(outRe.array());
             DenseValues oi = DenseValues.output(outIm.array())) {
            // Items are independent: each chunk of them gets its own plans and buffers (a plan costs
            // about as much as a few dozen transforms of its length).
            RowChunks.run(items, per, (chunk, from, to) -> {
                double[] wr = new double[per];
                double[] wi = new double[per];
                double[] buf = new double[2 * Math.max(rows, cols)];
                DoubleFFT_1D rowFft = cols > 1 ? new DoubleFFT_1D(cols) : null;
                DoubleFFT_1D colFft = dims == 2 && rows > 1 ? new DoubleFFT_1D(rows) : null;
                for (int it = from; it < to; it++) {
                    int base = it * per;
                    r.read(base, wr, per);
                    if (i != null) {
                        i.read(base, wi, per);
                    } else {
                        Arrays.fill(wi, 0);
                    }
                    if (rowFft != null) {
                        for (int row = 0; row < rows; row++) {
                            pass(rowFft, wr, wi, buf, row * cols, 1, cols, inverse);
                        }
                    }
                    if (colFft != null) {
                        for (int col = 0; col < cols; col++) {
                            pass(colFft, wr, wi, buf, col, cols, rows, inverse);
                        }
                    }
                    or.write(base, wr, per);
                    oi.write(base, wi, per);
                }
            });
        } catch (RuntimeException e) {
            outRe.close();
            outIm.close();
            throw e;
        }
        return new NDArray[] {outRe, outIm};
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
}
