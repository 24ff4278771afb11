package org.robust4j.layers.structured;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Circulant products through the FFT, with the first-column convention {@code C[j,k] = c[(j-k) mod n]}:
 * {@code C x = IFFT(FFT(c) * FFT(x))}, a circular convolution, in O(n log n). Differentiable
 * through {@link Tensor#fft}.
 */
final class Circulants {
    private Circulants() {}

    /**
     * {@code circ(c) x} over the last axis of {@code x} ({@code c [n]}, {@code x [..., n]}), as one
     * recorded op on the backend's {@link Backend#circulantMatmul} and {@link Backend#circulantMatmulBackward}, with the
     * gradients of the research notes (section 1.8): {@code dx = circ(c)^T g} and
     * {@code dc = sum over the batch of IFFT(FFT(g) conj(FFT(x)))}. When the backward pass itself is
     * recorded (second derivatives), it is composed from differentiable FFTs instead, so that it
     * stays exact.
     */
    static Tensor multiply(Tensor c, Tensor x) {
        checkArgument(c.rank() == 1 && x.rank() >= 1 && x.dim(-1) == c.dim(0),
                "circulant product: kernel %s does not fit input %s (last axis must be %s)", c.shape(), x.shape(),
                c.rank() == 1 ? c.dim(0) : -1);
        Backend b = x.backend();
        NDArray y = b.circulantMatmul(c.data(), x.data(), false);
        return Tensor.result("circulant", y, (g, need) -> {
            if (GradMode.isEnabled()) {
                return recordedGradients(c, x, g, need);
            }
            NDArray[] d = b.circulantMatmulBackward(c.data(), x.data(), g.data(), need[0], need[1]);
            return new Tensor[] {d[0] == null ? null : Tensor.wrap(d[0]), d[1] == null ? null : Tensor.wrap(d[1])};
        }, c, x);
    }

    /** The gradients of {@link #multiply} through differentiable FFTs, for a recorded backward pass. */
    private static Tensor[] recordedGradients(Tensor c, Tensor x, Tensor g, boolean[] need) {
        Tensor[] sc = Tensor.fft(c, null, 1, false);
        Tensor[] sx = Tensor.fft(x, null, 1, false);
        Tensor[] fg = Tensor.fft(g, null, 1, false);
        Tensor dc = null;
        Tensor dx = null;
        if (need[0]) {
            Tensor re = fg[0].mul(sx[0]).add(fg[1].mul(sx[1])).sumTo(c.shape());
            Tensor im = fg[1].mul(sx[0]).sub(fg[0].mul(sx[1])).sumTo(c.shape());
            dc = Tensor.fft(re, im, 1, true)[0];
        }
        if (need[1]) {
            Tensor re = sc[0].mul(fg[0]).add(sc[1].mul(fg[1]));
            Tensor im = sc[0].mul(fg[1]).sub(sc[1].mul(fg[0]));
            dx = Tensor.fft(re, im, 1, true)[0];
        }
        return new Tensor[] {dc, dx};
    }

    /** Zero-pads the last axis of {@code x} by {@code before} and {@code after} elements. */
    static Tensor padLast(Tensor x, int before, int after) {
        int[] b = new int[x.rank()];
        int[] a = new int[x.rank()];
        b[x.rank() - 1] = before;
        a[x.rank() - 1] = after;
        return x.pad(b, a, PadMode.ZERO);
    }

    /**
     * {@code max_k |FFT(c)_k|} in double precision, without recording a graph: the spectral norm
     * of {@code circ(c)}, since a circulant matrix is normal and its eigenvalues are {@code FFT(c)}.
     */
    static double maxEigenvalueModulus(Tensor c) {
        try (Scope scope = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
            Tensor[] f = Tensor.fft(c.detach().cast(DType.FLOAT64), null, 1, false);
            double[] re = f[0].toDoubleArray();
            double[] im = f[1].toDoubleArray();
            double best = 0;
            for (int k = 0; k < re.length; k++) {
                best = Math.max(best, Math.hypot(re[k], im[k]));
            }
            return best;
        }
    }

    /** {@code max_i |v_i|} and {@code min_i |v_i|} of a vector, host side. */
    static double[] absRange(Tensor v) {
        double[] a;
        try (Scope scope = Scope.open()) {
            a = v.detach().cast(DType.FLOAT64).toDoubleArray();
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double x : a) {
            lo = Math.min(lo, Math.abs(x));
            hi = Math.max(hi, Math.abs(x));
        }
        return new double[] {hi, lo};
    }

    /** Rademacher (+-1 with equal probability) entries. */
    static Tensor rademacher(org.robust4j.layers.LayerContext c, int n) {
        return Tensor.bernoulli(c.backend(), c.generator(), c.dtype(), 0.5, n).mul(2).sub(1);
    }
}
