package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * The per-frequency matrices of a convolution kernel on a torus (Sedghi et al. 2019; research
 * note, Fact A): for {@code K [c_out, c_in, kh, kw]} on an {@code nh x nw} torus,
 *
 * <pre>  K^(u, v) = sum_{p,q} K[:, :, p, q] exp(-2 pi i (p u / nh + q v / nw))   (c_out x c_in)</pre>
 *
 * and the circular convolution's singular values are the union of theirs. A real kernel has
 * {@code K^(-w) = conj K^(w)}, whose singular values are the same, so only one frequency of each
 * conjugate pair is kept ({@link #frequencies}: about half of them).
 *
 * <p>Two equivalent evaluations, both differentiable: the DFT as one matrix product with a
 * {@code [F, kh kw]} table of phases (cheap for the small kernels of CNNs, and a kernel larger than
 * the torus folds by itself since the phase is periodic), or {@link Tensor#fft} of the kernel
 * zero-padded to the torus (cheaper for large kernels).
 */
public final class KernelSpectrum {
    /** How the transform is evaluated. */
    public enum Evaluation {
        /** Choose by cost. */
        AUTO,
        /** One product with a table of phases. */
        DFT_MATMUL,
        /** {@link Tensor#fft} of the zero-padded kernel (kernel no larger than the torus). */
        FFT
    }

    private KernelSpectrum() {}

    /** Representatives {@code (u, v)} of the frequencies up to conjugation, as {@code {u[], v[]}}. */
    public static int[][] frequencies(int nh, int nw) {
        int halfW = nw / 2;
        int count = 0;
        int[] us = new int[nh * (halfW + 1)];
        int[] vs = new int[us.length];
        for (int u = 0; u < nh; u++) {
            for (int v = 0; v <= halfW; v++) {
                // Columns v = 0 and v = nw/2 are their own conjugates: keep u <= nh/2 there.
                boolean selfConjugateColumn = v == 0 || 2 * v == nw;
                if (selfConjugateColumn && u > nh / 2) {
                    continue;
                }
                us[count] = u;
                vs[count] = v;
                count++;
            }
        }
        return new int[][] {java.util.Arrays.copyOf(us, count), java.util.Arrays.copyOf(vs, count)};
    }

    /** The {@code [F, c_out, c_in]} matrices at the {@link #frequencies} of an {@code nh x nw} torus. */
    public static ComplexBatch of(Tensor kernel, int nh, int nw) {
        return of(kernel, nh, nw, Evaluation.AUTO);
    }

    public static ComplexBatch of(Tensor kernel, int nh, int nw, Evaluation how) {
        ConvGeometry.checkKernel("KernelSpectrum", kernel.shape());
        checkArgument(nh > 0 && nw > 0, "KernelSpectrum: torus must be positive, got %sx%s", nh, nw);
        checkArgument(kernel.dtype().isFloating(), "KernelSpectrum: needs a floating kernel, got %s", kernel.dtype());
        int kh = kernel.dim(2);
        int kw = kernel.dim(3);
        boolean fits = kh <= nh && kw <= nw;
        Evaluation e = how;
        if (e == Evaluation.AUTO) {
            // The table product costs ~ kh*kw multiply-adds per frequency and channel pair; the FFT
            // ~ 5 (log2 nh + log2 nw), on the host and with more data movement.
            double log = Math.log(nh) / Math.log(2) + Math.log(nw) / Math.log(2);
            e = fits && kh * kw > 12 * log ? Evaluation.FFT : Evaluation.DFT_MATMUL;
        }
        checkArgument(e != Evaluation.FFT || fits, "KernelSpectrum: FFT evaluation needs the kernel %sx%s to fit the torus %sx%s",
                kh, kw, nh, nw);
        return e == Evaluation.FFT ? byFft(kernel, nh, nw) : byMatmul(kernel, nh, nw);
    }

    private static ComplexBatch byMatmul(Tensor kernel, int nh, int nw) {
        int co = kernel.dim(0);
        int ci = kernel.dim(1);
        Tensor[] phases = phaseTables(kernel, nh, nw);
        int nf = phases[0].dim(0);
        Tensor k2 = kernel.reshape(co * ci, -1);
        return new ComplexBatch(phases[0].matmul(k2, false, true).reshape(nf, co, ci),
                phases[1].matmul(k2, false, true).reshape(nf, co, ci));
    }

    /** {@code {cos, -sin}} of the phases {@code [F, kh kw]} at the {@link #frequencies}, in the kernel's dtype. */
    private static Tensor[] phaseTables(Tensor kernel, int nh, int nw) {
        int kh = kernel.dim(2);
        int kw = kernel.dim(3);
        int[][] f = frequencies(nh, nw);
        int nf = f[0].length;
        double[] cos = new double[nf * kh * kw];
        double[] negSin = new double[cos.length];
        for (int i = 0; i < nf; i++) {
            for (int p = 0; p < kh; p++) {
                for (int q = 0; q < kw; q++) {
                    // Reduce the phase exactly in integers before the trigonometry.
                    long a = (long) (p * (long) f[0][i] % nh) * nw + (long) (q * (long) f[1][i] % nw) * nh;
                    double angle = 2 * Math.PI * (double) (a % ((long) nh * nw)) / ((double) nh * nw);
                    cos[(i * kh + p) * kw + q] = Math.cos(angle);
                    negSin[(i * kh + p) * kw + q] = -Math.sin(angle);
                }
            }
        }
        Backend b = kernel.backend();
        DType dt = kernel.dtype();
        return new Tensor[] {Tensor.of(b, cos, nf, kh * kw).cast(dt), Tensor.of(b, negSin, nf, kh * kw).cast(dt)};
    }

    /**
     * {@code max_w ||K^(w)||_F^2} over the frequencies of an {@code nh x nw} torus, a block of
     * frequencies at a time (at most {@code blockValues} matrix entries each), so the
     * {@code [F, c_out, c_in]} batch never exists whole: LipBound's 50 x 50 grid of a 512-channel
     * kernel would hold 2.7 GB of it. Differentiable; without a graph to keep, each block's
     * arrays are released before the next block.
     */
    public static Tensor maxFrobeniusSquared(Tensor kernel, int nh, int nw, long blockValues) {
        ConvGeometry.checkKernel("KernelSpectrum", kernel.shape());
        checkArgument(nh > 0 && nw > 0, "KernelSpectrum: torus must be positive, got %sx%s", nh, nw);
        checkArgument(blockValues > 0, "KernelSpectrum: block size must be positive, got %s", blockValues);
        Tensor[] phases = phaseTables(kernel, nh, nw);
        int nf = phases[0].dim(0);
        int pairs = kernel.dim(0) * kernel.dim(1);
        Tensor k2 = kernel.reshape(pairs, -1);
        int block = (int) Math.max(1, Math.min(nf, blockValues / pairs));
        boolean release = !GradMode.isEnabled() || !kernel.requiresGrad();
        List<Tensor> maxima = new ArrayList<>();
        for (int from = 0; from < nf; from += block) {
            int len = Math.min(block, nf - from);
            try (Scope step = release ? Scope.open() : null) {
                Tensor re = phases[0].narrow(0, from, len).matmul(k2, false, true);   // [len, c_out c_in]
                Tensor im = phases[1].narrow(0, from, len).matmul(k2, false, true);
                Tensor m = re.square().add(im.square()).sum(1).max();
                maxima.add(step == null ? m : step.keep(m));
            }
        }
        return maxima.size() == 1 ? maxima.get(0) : Tensor.stack(maxima, 0).max();
    }

    private static ComplexBatch byFft(Tensor kernel, int nh, int nw) {
        int co = kernel.dim(0);
        int ci = kernel.dim(1);
        Tensor padded = kernel.pad(new int[] {0, 0, 0, 0}, new int[] {0, 0, nh - kernel.dim(2), nw - kernel.dim(3)},
                PadMode.ZERO);
        Tensor[] t = Tensor.fft(padded, null, 2, false);
        int[][] f = frequencies(nh, nw);
        long[] flat = new long[f[0].length];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (long) f[0][i] * nw + f[1][i];
        }
        Tensor idx = Tensor.ofLongs(kernel.backend(), flat);
        return new ComplexBatch(toBatch(t[0], idx, co, ci), toBatch(t[1], idx, co, ci));
    }

    private static Tensor toBatch(Tensor spectrum, Tensor idx, int co, int ci) {
        return spectrum.reshape(co * ci, -1).gather(1, idx).mT().reshape(-1, co, ci);
    }
}
