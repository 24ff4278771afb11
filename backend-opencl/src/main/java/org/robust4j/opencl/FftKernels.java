package org.robust4j.opencl;

import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * FFT along the last axis or the last two ({@code fft.cl}), on planar complex data. Power-of-two
 * lengths take log2(n) radix-2 Stockham passes (O(n log n)); other lengths the defining sum
 * (O(n^2), exact for any length, fine for the sizes convolution kernels and spectral estimates
 * use). The input is first copied into dense result arrays (which also reads views and converts
 * nothing); each pass then moves between those and a scratch pair.
 */
final class FftKernels {
    private static final String FILE = "fft.cl";

    private final OpenClBackend backend;

    FftKernels(OpenClBackend backend) {
        this.backend = backend;
    }

    NDArray[] transform(ClArray re, ClArray im, int dims, boolean inverse) {
        Shape s = re.shape();
        DType dt = re.dtype();
        ClArray[] cur = {(ClArray) backend.copy(re), im == null ? zeros(s, dt) : (ClArray) backend.cast(im, dt)};
        if (s.size() == 0) {
            return cur;
        }
        int r = s.rank();
        int cols = s.dim(r - 1);
        // Last axis: lines are rows, elements adjacent.
        cur = axis(cur, cols, 1, cols, 0, 1, inverse);
        if (dims == 2) {
            int rows = s.dim(r - 2);
            // Second-to-last axis: lines are the columns of each matrix, elements a row apart.
            cur = axis(cur, rows, cols, rows * cols, 1, cols, inverse);
        }
        return cur;
    }

    private ClArray zeros(Shape s, DType dt) {
        ClArray z = backend.alloc(s, dt);
        backend.fill(z, 0.0);
        return z;
    }

    /**
     * Transforms every line of length {@code n} of {@code cur}; returns the pair holding the result
     * (and closes the other).
     */
    private ClArray[] axis(ClArray[] cur, int n, int inner, int outerStride, int innerStride, int elemStride,
                           boolean inverse) {
        if (n == 1) {
            return cur;
        }
        Shape s = cur[0].shape();
        DType dt = cur[0].dtype();
        int lines = (int) (s.size() / n);
        double sign = inverse ? 1 : -1;
        ClArray[] next = {backend.alloc(s, dt), backend.alloc(s, dt)};
        String options = backend.typeOptions(dt);
        if (Integer.bitCount(n) == 1) {
            int total = lines * (n / 2);
            for (int ns = 1; ns < n; ns *= 2) {
                boolean last = ns * 2 == n;
                backend.launch(FILE, options, "radix2")
                        .i32(total).i32(n).i32(ns).scalar(dt, sign).scalar(dt, inverse && last ? 1.0 / n : 1.0)
                        .i32(inner).i32(outerStride).i32(innerStride).i32(elemStride)
                        .mem(cur[0].buffer("fft")).mem(cur[1].buffer("fft"))
                        .mem(next[0].buffer("fft")).mem(next[1].buffer("fft"))
                        .run1d(total);
                ClArray[] t = cur;
                cur = next;
                next = t;
            }
        } else {
            int total = lines * n;
            backend.launch(FILE, options, "dft")
                    .i32(total).i32(n).scalar(dt, sign).scalar(dt, inverse ? 1.0 / n : 1.0)
                    .i32(inner).i32(outerStride).i32(innerStride).i32(elemStride)
                    .mem(cur[0].buffer("fft")).mem(cur[1].buffer("fft"))
                    .mem(next[0].buffer("fft")).mem(next[1].buffer("fft"))
                    .run1d(total);
            ClArray[] t = cur;
            cur = next;
            next = t;
        }
        next[0].close();
        next[1].close();
        return cur;
    }
}
