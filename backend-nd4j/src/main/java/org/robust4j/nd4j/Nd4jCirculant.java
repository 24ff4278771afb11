package org.robust4j.nd4j;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;
import org.robust4j.core.backend.CirculantDefaults;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * Circulant products for float32 on the ND4J backend, one pass per row: JTransforms' real-input
 * float transform (half the work of a complex one, no double copies), spectra multiplied in
 * JTransforms' packed layout, rows read from and written to native memory directly, and large
 * batches split over threads. The complex-FFT composition in core makes five passes over the
 * batch in double precision for the same product.
 */
final class Nd4jCirculant {
    /** Transform plans kept per thread (making one costs as much as ~50 transforms of its length). */
    private static final int PLANS_PER_THREAD = 4;
    private static final ThreadLocal<Map<Integer, FloatFFT_1D>> PLANS = ThreadLocal.withInitial(() ->
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, FloatFFT_1D> eldest) {
                    return size() > PLANS_PER_THREAD;
                }
            });

    private final Nd4jBackend backend;

    Nd4jCirculant(Nd4jBackend backend) {
        this.backend = backend;
    }

    /** Whether this fast path applies: float32 and a transform length of at least 2. */
    static boolean handles(NDArray a) {
        return a.dtype() == DType.FLOAT32 && a.shape().rank() >= 1 && a.shape().dim(-1) >= 2;
    }

    /** {@code circ(c) x} or {@code circ(c)^T x} over the rows of {@code x}. */
    NDArray matmul(NDArray c, NDArray x, boolean transpose) {
        CirculantDefaults.checkMatmul(c, x);
        int n = c.shape().dim(0);
        float[] spectrum = spectrum(c, n);
        Nd4jArray out = backend.alloc(x.shape(), DType.FLOAT32);
        try (DenseValues in = DenseValues.of(Nd4jBackend.nd(x))) {
            FloatBuffer src = in.floats();
            FloatBuffer dst = out.array().data().asNioFloat();
            int rows = (int) (x.shape().size() / n);
            RowChunks.run(rows, n, (chunk, from, to) -> {
                FloatFFT_1D f = plan(n);
                float[] row = new float[n];
                for (int r = from; r < to; r++) {
                    src.get(r * n, row, 0, n);
                    f.realForward(row);
                    multiply(row, spectrum, transpose, n);
                    f.realInverse(row, true);
                    dst.put(r * n, row, 0, n);
                }
            });
        }
        return out;
    }

    /**
     * Both gradients from one transform of each row of {@code g}: {@code dx = IFFT(FFT(g) conj(FFT(c)))}
     * and {@code dc = IFFT(sum_r FFT(g_r) conj(FFT(x_r)))}, the sum over rows kept in double.
     */
    NDArray[] backward(NDArray c, NDArray x, NDArray g, boolean needKernel, boolean needInput) {
        CirculantDefaults.checkBackward(c, x, g);
        int n = c.shape().dim(0);
        int rows = (int) (x.shape().size() / n);
        float[] spectrum = needInput ? spectrum(c, n) : null;
        Nd4jArray dx = needInput ? backend.alloc(x.shape(), DType.FLOAT32) : null;
        double[][] partial = new double[RowChunks.count(rows, n)][];
        try (DenseValues gr = DenseValues.of(Nd4jBackend.nd(g));
             DenseValues xr = needKernel ? DenseValues.of(Nd4jBackend.nd(x)) : null) {
            FloatBuffer dst = needInput ? dx.array().data().asNioFloat() : null;
            RowChunks.run(rows, n, (chunk, from, to) -> {
                FloatFFT_1D f = plan(n);
                float[] rg = new float[n];
                float[] rx = needKernel ? new float[n] : null;
                double[] acc = needKernel ? new double[n] : null;
                for (int r = from; r < to; r++) {
                    gr.floats().get(r * n, rg, 0, n);
                    f.realForward(rg);
                    if (needKernel) {
                        xr.floats().get(r * n, rx, 0, n);
                        f.realForward(rx);
                        accumulateConjugateProduct(acc, rg, rx, n);
                    }
                    if (needInput) {
                        multiply(rg, spectrum, true, n);
                        f.realInverse(rg, true);
                        dst.put(r * n, rg, 0, n);
                    }
                }
                partial[chunk] = acc;
            });
        }
        NDArray dc = needKernel ? backend.fromFloats(inverse(partial, n), Shape.of(n)) : null;
        return new NDArray[] {dc, dx};
    }

    /** The packed real spectrum of a kernel. */
    private float[] spectrum(NDArray c, int n) {
        float[] s = backend.toFloats(c);
        plan(n).realForward(s);
        return s;
    }

    /** The inverse transform of the sum of per-chunk packed spectra, as float32. */
    private static float[] inverse(double[][] partial, int n) {
        double[] sum = partial[0];
        for (int ch = 1; ch < partial.length; ch++) {
            for (int k = 0; k < n; k++) {
                sum[k] += partial[ch][k];
            }
        }
        new DoubleFFT_1D(n).realInverse(sum, true);
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            out[k] = (float) sum[k];
        }
        return out;
    }

    private static FloatFFT_1D plan(int n) {
        return PLANS.get().computeIfAbsent(n, FloatFFT_1D::new);
    }

    // ------------------------------------------------------------ packed spectra
    // JTransforms' realForward layout for length n: a[0] = Re X0; for even n a[1] = Re X(n/2);
    // for odd n a[1] = Im X(h) and a[n-1] = Re X(h) with h = (n-1)/2; a[2k], a[2k+1] = Re, Im Xk
    // for the other 0 < k < ceil(n/2).

    /** {@code a := a * b}, or {@code a * conj(b)}, bin by bin. */
    static void multiply(float[] a, float[] b, boolean conjugate, int n) {
        a[0] *= b[0];
        if (n % 2 == 0) {
            a[1] *= b[1];
        }
        float sign = conjugate ? -1f : 1f;
        int inner = n % 2 == 0 ? n / 2 : (n - 1) / 2; // bins 0 < k < inner sit at (2k, 2k+1)
        for (int k = 1; k < inner; k++) {
            int re = 2 * k;
            float ar = a[re];
            float ai = a[re + 1];
            float br = b[re];
            float bi = sign * b[re + 1];
            a[re] = ar * br - ai * bi;
            a[re + 1] = ar * bi + ai * br;
        }
        if (n % 2 == 1) {
            float ar = a[n - 1];
            float ai = a[1];
            float br = b[n - 1];
            float bi = sign * b[1];
            a[n - 1] = ar * br - ai * bi;
            a[1] = ar * bi + ai * br;
        }
    }

    /** {@code acc += a * conj(b)}, bin by bin, in double. */
    static void accumulateConjugateProduct(double[] acc, float[] a, float[] b, int n) {
        acc[0] += (double) a[0] * b[0];
        if (n % 2 == 0) {
            acc[1] += (double) a[1] * b[1];
        }
        int inner = n % 2 == 0 ? n / 2 : (n - 1) / 2;
        for (int k = 1; k < inner; k++) {
            int re = 2 * k;
            double ar = a[re];
            double ai = a[re + 1];
            double br = b[re];
            double bi = b[re + 1];
            acc[re] += ar * br + ai * bi;
            acc[re + 1] += ai * br - ar * bi;
        }
        if (n % 2 == 1) {
            double ar = a[n - 1];
            double ai = a[1];
            double br = b[n - 1];
            double bi = b[1];
            acc[n - 1] += ar * br + ai * bi;
            acc[1] += ai * br - ar * bi;
        }
    }
}
