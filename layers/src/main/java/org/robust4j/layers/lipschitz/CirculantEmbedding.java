package org.robust4j.layers.lipschitz;

import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Reduces a convolution with any padding and stride to a circular convolution on a torus, so that
 * the FFT methods (exact per-frequency SVD, Gram iteration) apply to every layer:
 *
 * <pre>  T = P * C_torus(K') * E</pre>
 *
 * where {@code K'} is the polyphase kernel, {@code C_torus} the circular convolution on a
 * {@code torusH x torusW} torus, {@code E} an isometric embedding of the input (a circular shift,
 * a polyphase split, zero extension) and {@code P} a selection of output rows, possibly with
 * repeats. Hence {@code ||T|| <= sqrt(multiplicity) * ||C_torus(K')||}, with equality
 * ({@link #exact()}) when {@code E} and {@code P} are both unitary.
 *
 * <p>Per axis (length n, kernel k, stride s, padding p, output o = (n + 2p - k)/s + 1):
 * <ul>
 * <li>Circular, {@code s | n}: shift the input by p (unitary), split it into its s polyphase
 *     components on an n/s torus (Senderovich et al. 2022; research note section 4.1); the kernel
 *     becomes {@code K'[(c, r), u'] = K[c, s u' + r]}, {@code ceil(k/s)} taps. Output row i is torus
 *     row {@code i mod n/s}: exact when {@code o == n/s}, a compression when smaller, repeated
 *     rows when larger (even kernels with k/2 padding, see note 4.2).
 * <li>Circular, {@code s} does not divide n: output row i is row {@code s i mod n} of the
 *     stride-1 circular convolution (research note, Fact C), with the repeats counted.
 * <li>Zero padding: the padded input's polyphase components are embedded in a torus large enough
 *     that no read of an output wraps onto input data; the layer is then a compression of the
 *     circular convolution (Fact B). For stride 1 this torus has {@code n + p} points at most (the
 *     note's sufficient {@code n + max(p, k-1-p)} is never smaller); output rows that read
 *     nothing but padding are zero and dropped.
 * </ul>
 * With {@link StrideHandling#STRIDE_ONE} the stride is ignored and the stride-1 operator (of
 * which the strided one is a row selection) is embedded instead: the looser classic bound.
 */
public final class CirculantEmbedding {

    /** How a stride is taken into account. */
    public enum StrideHandling {
        /** Polyphase reshape of the kernel: exact for circular padding when the stride divides the size. */
        POLYPHASE,
        /** Bound the strided layer by its stride-1 version (a selection of its rows has no larger norm). */
        STRIDE_ONE
    }

    /** One spatial axis of the reduction. */
    public record Axis(int factor, int torus, int taps, int multiplicity, boolean exact) {}

    private final Axis h;
    private final Axis w;

    private CirculantEmbedding(Axis h, Axis w) {
        this.h = h;
        this.w = w;
    }

    /** Plans the reduction of a {@code kernel}-shaped convolution with {@code g}. */
    public static CirculantEmbedding plan(Shape kernel, ConvGeometry g, StrideHandling handling) {
        g.check("CirculantEmbedding", kernel);
        int s = handling == StrideHandling.STRIDE_ONE ? 1 : g.stride();
        Axis h = axis(g.inputH(), kernel.dim(2), s, g.padH(), g.padding());
        Axis w = axis(g.inputW(), kernel.dim(3), s, g.padW(), g.padding());
        if (s != g.stride()) {
            // The strided layer keeps only every s-th row of the stride-1 operator: a bound, never exact.
            h = new Axis(h.factor(), h.torus(), h.taps(), h.multiplicity(), false);
            w = new Axis(w.factor(), w.torus(), w.taps(), w.multiplicity(), false);
        }
        return new CirculantEmbedding(h, w);
    }

    public static CirculantEmbedding plan(Shape kernel, ConvGeometry g) {
        return plan(kernel, g, StrideHandling.POLYPHASE);
    }

    static Axis axis(int n, int k, int s, int p, PadMode mode) {
        int o = Math.floorDiv(n + 2 * p - k, s) + 1;
        if (mode == PadMode.CIRCULAR) {
            if (n % s == 0) {
                int torus = n / s;
                int mult = (o + torus - 1) / torus;
                return new Axis(s, torus, ceilDiv(k, s), mult, o == torus);
            }
            int[] count = new int[n];
            int mult = 0;
            for (int i = 0; i < o; i++) {
                mult = Math.max(mult, ++count[(int) ((long) s * i % n)]);
            }
            return new Axis(1, n, k, mult, false);
        }
        // Zero padding: phase r holds padded positions s*j + r; real pixels sit at p .. p+n-1.
        int taps = ceilDiv(k, s);
        int j0 = Integer.MAX_VALUE;
        for (int r = 0; r < s; r++) {
            j0 = Math.min(j0, ceilDiv(p - r, s));
        }
        int j1 = Math.floorDiv(p + n - 1, s);
        // Output i reads j in [i, i + taps - 1]; rows that cannot reach [j0, j1] are zero.
        int i0 = Math.max(0, j0 - taps + 1);
        int i1 = Math.min(o - 1, j1);
        if (i1 < i0) {
            return new Axis(s, 1, taps, 1, false);
        }
        // No read index j and data index j' may coincide modulo the torus: torus > |j - j'|.
        int torus = Math.max(j1 - i0, i1 + taps - 1 - j0) + 1;
        return new Axis(s, torus, taps, 1, false);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /**
     * The polyphase kernel {@code K'[o, (c, rh, rw), u', v'] = K[o, c, fh u' + rh, fw v' + rw]}
     * (zero beyond K), built from tensor ops so gradients flow back to {@code kernel}.
     */
    public Tensor kernel(Tensor kernel) {
        int fh = h.factor;
        int fw = w.factor;
        if (fh == 1 && fw == 1) {
            return kernel;
        }
        int co = kernel.dim(0);
        int ci = kernel.dim(1);
        int kh = kernel.dim(2);
        int kw = kernel.dim(3);
        Tensor padded = kernel.pad(new int[] {0, 0, 0, 0}, new int[] {0, 0, h.taps * fh - kh, w.taps * fw - kw},
                PadMode.ZERO);
        return padded.reshape(co, ci, h.taps, fh, w.taps, fw)
                .permute(0, 1, 3, 5, 2, 4)
                .reshape(co, ci * fh * fw, h.taps, w.taps);
    }

    public Axis axisH() {
        return h;
    }

    public Axis axisW() {
        return w;
    }

    public int torusH() {
        return h.torus;
    }

    public int torusW() {
        return w.torus;
    }

    /**
     * Torus rows at which to sample the spectrum: {@link #torusH()}, or 1 when the polyphase kernel
     * has a single tap along this axis (its transform is then the same at every frequency).
     */
    public int spectrumH() {
        return h.taps == 1 ? 1 : h.torus;
    }

    public int spectrumW() {
        return w.taps == 1 ? 1 : w.torus;
    }

    /** The per-frequency matrices of the polyphase kernel of {@code kernel} on the torus. */
    public ComplexBatch spectrum(Tensor kernel) {
        return KernelSpectrum.of(kernel(kernel), spectrumH(), spectrumW());
    }

    /** {@code sqrt} of the largest number of times an output row repeats: the norm of {@code P}. */
    public double rowSelectionNorm() {
        return Math.sqrt((double) h.multiplicity * w.multiplicity);
    }

    /** True when the layer is unitarily equivalent to the circular convolution (so its norm is exact). */
    public boolean exact() {
        return h.exact && w.exact;
    }

    @Override
    public String toString() {
        return "torus " + h.torus + "x" + w.torus + ", polyphase " + h.factor + "x" + w.factor
                + ", row repeats " + h.multiplicity + "x" + w.multiplicity + (exact() ? ", exact" : "");
    }
}
