package org.robust4j.nd4j;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * FFT for the ND4J backend, which has none: JTransforms (pure Java, any length, mixed-radix and
 * Bluestein) on a host copy, in double precision, over the last one or two axes of every row.
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
        int rowsPerItem = dims == 2 ? s.dim(-2) : 1;
        int per = cols * rowsPerItem;
        int items = r.length / per;
        if (per == 1) {
            // A one-point transform (forward or inverse) is the identity.
            return new NDArray[] {fromHost(r, s, dt), fromHost(i, s, dt)};
        }
        double[] buf = new double[2 * per];
        // JTransforms' 2-D plans need both sides > 1; with a side of 1 the 2-D DFT is the 1-D DFT of the other.
        boolean twoD = dims == 2 && rowsPerItem > 1 && cols > 1;
        DoubleFFT_1D f1 = twoD ? null : new DoubleFFT_1D(per);
        DoubleFFT_2D f2 = twoD ? new DoubleFFT_2D(rowsPerItem, cols) : null;
        for (int it = 0; it < items; it++) {
            int off = it * per;
            for (int k = 0; k < per; k++) {
                buf[2 * k] = r[off + k];
                buf[2 * k + 1] = i[off + k];
            }
            if (f1 != null) {
                if (inverse) {
                    f1.complexInverse(buf, true);
                } else {
                    f1.complexForward(buf);
                }
            } else if (inverse) {
                f2.complexInverse(buf, true);
            } else {
                f2.complexForward(buf);
            }
            for (int k = 0; k < per; k++) {
                r[off + k] = buf[2 * k];
                i[off + k] = buf[2 * k + 1];
            }
        }
        return new NDArray[] {fromHost(r, s, dt), fromHost(i, s, dt)};
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
