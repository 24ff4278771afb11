package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.CirculantEmbedding.StrideHandling;

/**
 * Gram iteration (Delattre, Barthelemy, Araujo, Allauzen, ICML 2023, arXiv 2305.16173): an upper
 * bound on the spectral norm that converges quadratically in the number of squarings {@code T}
 * (the Schatten-{@code 2^(T+1)} norm; at most {@code rank^(2^-(T+1))} times the norm).
 *
 * <p>Dense weights: {@link DenseGram}. Convolutions: the layer is reduced to a circular
 * convolution on a torus ({@link CirculantEmbedding}: exact for circular padding, a guaranteed
 * bound for zero padding and strides), whose per-frequency matrices ({@link KernelSpectrum}) are
 * iterated in one batch on the backend ({@link FrequencyGram}), and the largest per-frequency
 * bound is taken (never their sum). Both are differentiable.
 */
public final class GramIteration implements DifferentiableSpectralNorm {
    /** Six squarings: within about 1e-6 of the norm on CNN kernels (research note, section 5). */
    public static final int DEFAULT_ITERATIONS = 6;

    private final int iterations;
    private final StrideHandling strides;
    private final boolean prune;

    public GramIteration() {
        this(DEFAULT_ITERATIONS);
    }

    public GramIteration(int iterations) {
        this(iterations, StrideHandling.POLYPHASE, true);
    }

    private GramIteration(int iterations, StrideHandling strides, boolean prune) {
        checkArgument(iterations >= 0, "GramIteration: iterations must be >= 0, got %s", iterations);
        this.iterations = iterations;
        this.strides = strides;
        this.prune = prune;
    }

    /** The same method, bounding a strided layer by its stride-1 version (the looser classic bound). */
    public GramIteration strideOneBound() {
        return new GramIteration(iterations, StrideHandling.STRIDE_ONE, prune);
    }

    /** Without dropping frequencies early (same value; for timing the plain algorithm). */
    public GramIteration withoutPruning() {
        return new GramIteration(iterations, strides, false);
    }

    public int iterations() {
        return iterations;
    }

    @Override
    public String method() {
        return "gram";
    }

    @Override
    public SpectralNorm dense(Tensor weight) {
        Estimates.checkDense("GramIteration", weight);
        double v = Estimates.value(() -> DenseGram.bound(weight.detach(), iterations));
        return new SpectralNorm(v, SpectralNorm.Kind.UPPER, iterations, weight.dtype(), method());
    }

    @Override
    public SpectralNorm conv(Tensor kernel, ConvGeometry geometry) {
        Estimates.checkConv("GramIteration", kernel, geometry);
        double v = Estimates.value(() -> convBound(kernel.detach(), geometry));
        return new SpectralNorm(v, SpectralNorm.Kind.UPPER, iterations, kernel.dtype(), method());
    }

    @Override
    public Tensor denseDifferentiable(Tensor weight) {
        Estimates.checkDense("GramIteration", weight);
        return DenseGram.bound(weight, iterations);
    }

    @Override
    public Tensor convDifferentiable(Tensor kernel, ConvGeometry geometry) {
        Estimates.checkConv("GramIteration", kernel, geometry);
        return convBound(kernel, geometry);
    }

    private Tensor convBound(Tensor kernel, ConvGeometry geometry) {
        CirculantEmbedding plan = CirculantEmbedding.plan(kernel.shape(), geometry, strides);
        Tensor max = FrequencyGram.run(plan.spectrum(kernel), iterations, prune).max();
        double rows = plan.rowSelectionNorm();
        return rows == 1 ? max : max.mul(rows);
    }
}
