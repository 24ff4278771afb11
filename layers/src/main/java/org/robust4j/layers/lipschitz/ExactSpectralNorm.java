package org.robust4j.layers.lipschitz;

import java.util.Arrays;
import java.util.Comparator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.CirculantEmbedding.StrideHandling;

/**
 * Exact spectral norms.
 *
 * <p>Dense: the largest singular value of the weight by EJML's SVD. Convolutions: the largest
 * singular value over the per-frequency matrices of the circular convolution (Sedghi, Gupta,
 * Long, ICLR 2019) after the reduction of {@link CirculantEmbedding}; with a stride dividing the
 * input size this is the exact strided norm of the polyphase kernel (Senderovich et al. 2022).
 * The result is {@link SpectralNorm.Kind#EXACT} when the layer is unitarily equivalent to that
 * circular convolution (circular padding with {@code 2p = k - 1} and the stride dividing the
 * size); otherwise the circular convolution's exact norm is an {@link SpectralNorm.Kind#UPPER}
 * bound of the layer (zero padding: research note, Fact B; repeated or dropped rows).
 *
 * <p>The maximum over frequencies is bracketed rather than found by decomposing every matrix:
 * Gram iteration (pruned, batched on the backend) bounds each frequency from above, and the
 * Rayleigh quotient on the dominant column of the last Gram iterate bounds it from below; the
 * answer is returned once the best lower bound is within {@code 1e-11} (FLOAT64) or
 * {@code 1e-5} (FLOAT32, above the rounding of its Gram bounds) of every upper bound, which with
 * a gap between the top singular values takes the same six squarings as the Gram bound. Small
 * matrices left open go to EJML's SVD, large ones get more squarings first (an SVD after 30).
 * The value is the per-frequency SVD's, to that tolerance.
 */
public final class ExactSpectralNorm implements SpectralNormEstimator {
    private final StrideHandling strides;

    public ExactSpectralNorm() {
        this(StrideHandling.POLYPHASE);
    }

    private ExactSpectralNorm(StrideHandling strides) {
        this.strides = strides;
    }

    /** Exact norm of the stride-1 operator, an upper bound of the strided layer. */
    public ExactSpectralNorm strideOneBound() {
        return new ExactSpectralNorm(StrideHandling.STRIDE_ONE);
    }

    @Override
    public String method() {
        return "exact";
    }

    @Override
    public SpectralNorm dense(Tensor weight) {
        Estimates.checkDense("ExactSpectralNorm", weight);
        double v = Svd.largest(weight.cast(DType.FLOAT64).toDoubleArray(), weight.dim(0), weight.dim(1));
        return new SpectralNorm(v, SpectralNorm.Kind.EXACT, 0, weight.dtype(), method());
    }

    @Override
    public SpectralNorm conv(Tensor kernel, ConvGeometry geometry) {
        Estimates.checkConv("ExactSpectralNorm", kernel, geometry);
        CirculantEmbedding plan = CirculantEmbedding.plan(kernel.shape(), geometry, strides);
        double v = Estimates.compute(() -> largestOverFrequencies(plan.spectrum(kernel.detach())));
        SpectralNorm.Kind kind = plan.exact() ? SpectralNorm.Kind.EXACT : SpectralNorm.Kind.UPPER;
        return new SpectralNorm(v * plan.rowSelectionNorm(), kind, 0, kernel.dtype(), method());
    }

    /**
     * {@code max_w sigma_1(A_w)}. Every frequency gets an upper bound (pruned Gram iteration on the
     * backend) and a lower bound (the norm of {@code A} on the dominant column of the last Gram
     * iterate, a Rayleigh quotient, in double on the host). When the best lower bound is within
     * {@code tol} of every upper bound, it is the answer; frequencies left open get more
     * squarings (their vectors converge with the power {@code 2^T}), and an SVD when they are
     * small or still open after 30 squarings (nearly equal top singular values).
     */
    static double largestOverFrequencies(ComplexBatch spectrum) {
        DType dt = spectrum.re().dtype();
        // Above the rounding of a FLOAT32 / FLOAT64 Gram bound, so the bracket is a certificate.
        double tol = dt == DType.FLOAT32 ? 1e-5 : 1e-11;
        int rows = spectrum.rows();
        int cols = spectrum.cols();
        boolean smallSvd = 2 * Math.max(rows, cols) <= 256;
        FrequencyGram.Result r = FrequencyGram.run(spectrum, FIRST_ITERATIONS, true);
        double best = 0;
        while (true) {
            // Lower bounds, largest upper bound first; a frequency whose upper bound is below the
            // best lower bound so far cannot hold the maximum.
            for (int i : openFrequencies(r.upper(), 0)) {
                if (r.upper()[i] <= best) {
                    break;
                }
                double[][] a = spectrum.toHost(r.indices()[i]);
                double[][] g = r.gram().toHost(i);
                best = Math.max(best, rayleigh(a[0], a[1], rows, cols, g[0], g[1], r.leftGram()));
            }
            Integer[] open = openFrequencies(r.upper(), best * (1 + tol));
            if (open.length == 0) {
                return best;
            }
            if (smallSvd || r.iterations() >= MAX_ITERATIONS) {
                for (int i : open) {
                    if (r.upper()[i] <= best * (1 + tol)) {
                        break;
                    }
                    double[][] a = spectrum.toHost(r.indices()[i]);
                    best = Math.max(best, Svd.largestComplex(a[0], a[1], rows, cols));
                }
                return best;
            }
            int[] which = new int[open.length];
            for (int i = 0; i < open.length; i++) {
                which[i] = open[i];
            }
            r = FrequencyGram.resume(r, which, r.iterations() + MORE_ITERATIONS);
        }
    }

    private static final int FIRST_ITERATIONS = 6;
    private static final int MORE_ITERATIONS = 4;
    /** Squarings after which open frequencies get an SVD instead (nearly equal top singular values). */
    static final int MAX_ITERATIONS = 30;

    /** Indices whose upper bound exceeds {@code cut}, largest first. */
    private static Integer[] openFrequencies(double[] upper, double cut) {
        return java.util.stream.IntStream.range(0, upper.length).filter(i -> upper[i] > cut).boxed()
                .sorted(Comparator.comparingDouble(i -> -upper[i])).toArray(Integer[]::new);
    }

    /** Host power steps on {@code G_T} that refine the Rayleigh vector (each raises its power by {@code 2^(T-1)}). */
    private static final int REFINEMENT_STEPS = 30;

    /**
     * A lower bound on {@code sigma_1(A)}: {@code ||A x|| / ||x||} (or {@code ||A^H x|| / ||x||}
     * for a left Gram) for {@code x} the column of the Hermitian Gram power {@code G} with the
     * largest diagonal entry, refined by power steps {@code x <- G x} in double until the quotient
     * stops growing. Every quotient is a valid lower bound (computed against {@code A} itself, so
     * the rounding of {@code G} only slows convergence); once {@code x} has converged it is
     * {@code sigma_1} to double rounding, the error being quadratic in the vector's.
     */
    static double rayleigh(double[] aRe, double[] aIm, int rows, int cols, double[] gRe, double[] gIm, boolean left) {
        int c = left ? rows : cols;
        int j = 0;
        for (int k = 1; k < c; k++) {
            if (gRe[k * c + k] > gRe[j * c + j]) {
                j = k;
            }
        }
        double[] xr = new double[c];
        double[] xi = new double[c];
        for (int k = 0; k < c; k++) {
            xr[k] = gRe[k * c + j];
            xi[k] = gIm[k * c + j];
        }
        double best = 0;
        for (int step = 0; step <= REFINEMENT_STEPS; step++) {
            double q = quotient(aRe, aIm, rows, cols, xr, xi, left);
            // Converged: the quotient grows by less than a few ulps per step.
            if (step > 0 && q <= best * (1 + 1e-14)) {
                return Math.max(best, q);
            }
            best = Math.max(best, q);
            if (!normalise(xr, xi)) {
                return best;
            }
            double[][] y = hermitianTimes(gRe, gIm, c, xr, xi);
            xr = y[0];
            xi = y[1];
        }
        return best;
    }

    private static boolean normalise(double[] xr, double[] xi) {
        double n = 0;
        for (int k = 0; k < xr.length; k++) {
            n += xr[k] * xr[k] + xi[k] * xi[k];
        }
        if (!(n > 0) || !Double.isFinite(n)) {
            return false;
        }
        double inv = 1 / Math.sqrt(n);
        for (int k = 0; k < xr.length; k++) {
            xr[k] *= inv;
            xi[k] *= inv;
        }
        return true;
    }

    /** {@code G x} for a row-major complex {@code c x c} matrix. */
    private static double[][] hermitianTimes(double[] gRe, double[] gIm, int c, double[] xr, double[] xi) {
        double[] yr = new double[c];
        double[] yi = new double[c];
        for (int i = 0; i < c; i++) {
            double sr = 0;
            double si = 0;
            int row = i * c;
            for (int k = 0; k < c; k++) {
                double gr = gRe[row + k];
                double gi = gIm[row + k];
                sr += gr * xr[k] - gi * xi[k];
                si += gr * xi[k] + gi * xr[k];
            }
            yr[i] = sr;
            yi[i] = si;
        }
        return new double[][] {yr, yi};
    }

    /** {@code ||A x|| / ||x||}, or {@code ||A^H x|| / ||x||} when {@code left}. */
    private static double quotient(double[] aRe, double[] aIm, int rows, int cols, double[] xr, double[] xi,
                                   boolean left) {
        double xx = 0;
        for (int k = 0; k < xr.length; k++) {
            xx += xr[k] * xr[k] + xi[k] * xi[k];
        }
        if (!(xx > 0)) {
            return 0;
        }
        double yy = 0;
        if (!left) {
            for (int i = 0; i < rows; i++) {
                double sr = 0;
                double si = 0;
                for (int k = 0; k < cols; k++) {
                    double ar = aRe[i * cols + k];
                    double ai = aIm[i * cols + k];
                    sr += ar * xr[k] - ai * xi[k];
                    si += ar * xi[k] + ai * xr[k];
                }
                yy += sr * sr + si * si;
            }
        } else {
            for (int k = 0; k < cols; k++) {
                double sr = 0;
                double si = 0;
                for (int i = 0; i < rows; i++) {
                    // (A^H x)_k = sum_i conj(A_ik) x_i
                    double ar = aRe[i * cols + k];
                    double ai = -aIm[i * cols + k];
                    sr += ar * xr[i] - ai * xi[i];
                    si += ar * xi[i] + ai * xr[i];
                }
                yy += sr * sr + si * si;
            }
        }
        return Math.sqrt(yy / xx);
    }
}
