package org.robust4j.layers.lipschitz;

import java.util.Arrays;
import java.util.Comparator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.CirculantEmbedding.StrideHandling;

/**
 * Exact spectral norms by SVD (EJML, double precision).
 *
 * <p>Dense: the largest singular value of the weight. Convolutions: the largest singular value of
 * the per-frequency matrices of the circular convolution (Sedghi, Gupta, Long, ICLR 2019) after
 * the reduction of {@link CirculantEmbedding}; with a stride dividing the input size this is the
 * exact strided norm of the polyphase kernel (Senderovich et al. 2022). The result is
 * {@link SpectralNorm.Kind#EXACT} when the layer is unitarily equivalent to that circular
 * convolution (circular padding with {@code 2p = k - 1} and the stride dividing the size, or any
 * row selection thereof without repeats that keeps every row), and otherwise the circular
 * convolution's exact norm is an {@link SpectralNorm.Kind#UPPER} bound of the layer (zero
 * padding, see the research note, Fact B).
 *
 * <p>Only the frequencies that can hold the maximum are decomposed: a few pruned Gram
 * iterations on the backend give each frequency an upper and a lower bound
 * ({@link FrequencyGram}), and the SVDs run in decreasing order of the upper bound until it falls
 * below the best exact value found. The value is the same as decomposing every frequency.
 */
public final class ExactSpectralNorm implements SpectralNormEstimator {
    /** Gram squarings used to rank frequencies before the SVDs. */
    private static final int RANKING_ITERATIONS = 5;

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

    /** {@code max_w sigma_1(A_w)}, decomposing only frequencies whose upper bound reaches the best value. */
    static double largestOverFrequencies(ComplexBatch spectrum) {
        FrequencyGram.Result ranked = FrequencyGram.run(spectrum, RANKING_ITERATIONS, true);
        double margin = spectrum.re().dtype() == DType.FLOAT32 ? 1e-3 : 1e-8;
        double bestLower = 0;
        for (double l : ranked.lower()) {
            bestLower = Math.max(bestLower, l);
        }
        Integer[] order = new Integer[ranked.indices().length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] upper = ranked.upper();
        Arrays.sort(order, Comparator.comparingDouble(i -> -upper[i]));
        int rows = spectrum.rows();
        int cols = spectrum.cols();
        double best = 0;
        for (int i : order) {
            double cut = Math.max(best, bestLower) * (1 - margin);
            if (upper[i] < cut) {
                break;
            }
            double[][] a = spectrum.toHost(ranked.indices()[i]);
            best = Math.max(best, Svd.largestComplex(a[0], a[1], rows, cols));
        }
        return best;
    }
}
