package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.core.util.ProgressScope;

/**
 * The input-size-independent Gram bound of Delattre, Barthelemy, Allauzen (arXiv 2402.00240; the
 * {@code norm2toep} routine of lip4conv; research note 1.3). With {@code C(H)} the convolution of
 * {@code H} on the whole plane, {@code C(H) C(H)^T = C(H_2)} where {@code H_2 = H * H^T} is the
 * channel-wise autocorrelation; after {@code T} rescaled squarings,
 *
 * <pre>  sigma <= max_a ( sum_{b,u,v} |H_T[a, b, u, v]| )^(2^-T) * scale</pre>
 *
 * (Schur's test on the symmetric operator {@code C(H_T)}). It bounds the symbol norm
 * {@code sup_w sigma_1(K^(w))}, hence the layer at every input size, for zero and circular
 * padding alike (Fact B), and every stride (applied to the polyphase kernel); it converges
 * linearly, about halving its excess per iteration.
 *
 * <p>Differences from lip4conv, on purpose: the padding is {@code (kh-1, kw-1)} per axis (the
 * official code pads both axes by {@code kw-1}, which drops lags of a tall kernel and can fall
 * below the norm, note 3.1 item 2); the Gram is taken on the smaller channel side (tighter,
 * note 4.3); and the autocorrelations are computed exactly by FFT on a torus of
 * at least {@code 2^T (k-1) + 1} points per axis, where no lag wraps around, instead of by spatial
 * convolutions (the same numbers for far fewer operations). The torus is rounded up to a length
 * with factors 2, 3 and 5 only: a length such as 33 = 3 * 11 transforms ~10x slower than 36.
 * The iterates hold {@code (2^T (k-1) + 1)^2 min(c_in, c_out)^2} complex numbers: at 512 channels, four iterations
 * of a 3x3 kernel need about 2 GiB in FLOAT32, so keep {@code T} small for wide layers.
 */
public final class SpatialGramBound extends ConvOnlyBound {
    public static final int DEFAULT_ITERATIONS = 4;

    private final int iterations;

    public SpatialGramBound() {
        this(DEFAULT_ITERATIONS);
    }

    public SpatialGramBound(int iterations) {
        super("SpatialGramBound");
        checkArgument(iterations >= 1, "SpatialGramBound: needs at least one iteration, got %s", iterations);
        checkArgument(iterations <= 12, "SpatialGramBound: %s iterations would grow the kernel to 2^%s taps",
                iterations, iterations);
        this.iterations = iterations;
    }

    @Override
    public String method() {
        return "spatial-gram";
    }

    @Override
    int reportedIterations() {
        return iterations;
    }

    @Override
    Tensor bound(Tensor kernel, ConvGeometry geometry) {
        CirculantEmbedding plan = CirculantEmbedding.plan(kernel.shape(), geometry);
        Tensor k = plan.kernel(kernel);
        // Gram on the smaller channel side: rows of the per-frequency matrices = min(c_out, c_in).
        if (k.dim(0) > k.dim(1)) {
            k = k.transpose(0, 1);
        }
        int c = k.dim(0);
        int d = k.dim(1);
        int kh = k.dim(2);
        int kw = k.dim(3);
        int mh = smoothAtLeast((1 << iterations) * (kh - 1) + 1);
        int mw = smoothAtLeast((1 << iterations) * (kw - 1) + 1);
        double maxAbs = host(k.abs().max());
        if (!(maxAbs > 0)) {
            return k.mul(0.0).sum();
        }
        double logScale = Math.log(maxAbs);
        // With no graph to keep, each squaring's temporaries go back to the pool before the next
        // one allocates the same shapes (fresh native pages are slow to fault in).
        boolean release = !GradMode.isEnabled() || !kernel.requiresGrad();
        Tensor padded = k.mul(1 / maxAbs).pad(new int[] {0, 0, 0, 0}, new int[] {0, 0, mh - kh, mw - kw}, PadMode.ZERO);
        Tensor[] f = Tensor.fft(padded, null, 2, false);
        releaseIf(release, padded);
        // [c, d, mh, mw] -> [F, c, d]
        Tensor reFlat = f[0].reshape(c, d, mh * mw);
        Tensor imFlat = f[1].reshape(c, d, mh * mw);
        Tensor re = reFlat.permute(2, 0, 1);
        Tensor im = imFlat.permute(2, 0, 1);
        double points = (double) mh * mw;
        for (int t = 0; t < iterations; t++) {
            try (Scope step = release ? Scope.open() : null) {
                // ||H_t||_F by Parseval; any positive scale would do, this one keeps entries near 1.
                double s = host(re.square().sum().add(im.square().sum())) / points;
                logScale += Math.pow(2, -t) * 0.5 * Math.log(s);
                double inv = 1 / Math.sqrt(s);
                Tensor x = re.mul(inv);
                Tensor y = im.mul(inv);
                // Without a graph each array is released as soon as it is used up: at 512 channels
                // every one of them is 340 MB, and a squaring would otherwise hold ten at once.
                releaseIf(release && t == 0, f[0], f[1], reFlat, imFlat);   // every handle on the transform
                releaseIf(release, re, im);
                // H_{t+1}^(w) = H^(w) H^(w)^H: real x x^T + y y^T, imaginary y x^T - x y^T.
                Tensor q = y.matmul(x, false, true);
                Tensor xx = x.matmul(x, false, true);
                Tensor yy = y.matmul(y, false, true);
                releaseIf(release, x, y);
                Tensor nextRe = xx.add(yy);
                releaseIf(release, xx, yy);
                Tensor nextIm = q.sub(q.mT());
                releaseIf(release, q);
                re = step == null ? nextRe : step.keep(nextRe);
                im = step == null ? nextIm : step.keep(nextIm);
            }
            ProgressScope.current().progress(t + 1, iterations);
        }
        int cc = re.dim(1);
        Tensor[] back = Tensor.fft(re.permute(1, 2, 0).reshape(cc, cc, mh, mw),
                im.permute(1, 2, 0).reshape(cc, cc, mh, mw), 2, true);
        Tensor rowSums = back[0].abs().sum(1, 2, 3);
        // The maximum before the root: the same value, and no 0^(e-1) in the gradient of a zero row.
        Tensor bound = rowSums.max().pow(Math.pow(2, -iterations)).mul(Math.exp(logScale));
        double rows = plan.rowSelectionNorm();
        return rows == 1 ? bound : bound.mul(rows);
    }

    /** The smallest {@code m >= n} whose only prime factors are 2, 3 and 5. */
    static int smoothAtLeast(int n) {
        for (int m = Math.max(n, 1); ; m++) {
            int r = m;
            for (int p : new int[] {2, 3, 5}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return m;
            }
        }
    }

    private static double host(Tensor t) {
        try (GradMode.Restore ng = Autograd.noGrad()) {
            return t.detach().cast(DType.FLOAT64).item();
        }
    }

    /** Releases arrays no longer needed, when no graph holds on to them. */
    private static void releaseIf(boolean release, Tensor... used) {
        if (release) {
            for (Tensor u : used) {
                u.close();
            }
        }
    }
}
