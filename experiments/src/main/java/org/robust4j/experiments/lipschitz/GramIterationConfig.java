package org.robust4j.experiments.lipschitz;

import java.util.List;

/**
 * What {@link GramIterationExperiment} compares.
 *
 * @param randomKernels      random kernels, drawn N(0, 2/(c_in k^2)) (He initialisation)
 * @param resnetInput        input size of the ResNet-18 stack; 0 leaves the stack out
 * @param resnetWidthDivisor channel divisor of the stack (1: the real 64..512 channels)
 * @param padding            {@code circular} (where the exact norm is exact) or {@code zero}
 * @param dtype              {@code f32} or {@code f64}
 * @param gramIterations     squarings of the Gram iteration (the paper's 6)
 * @param powerIterations    power steps (the papers' 100)
 * @param spatialGramIterations squarings of the input-size-free spatial Gram bound
 * @param lipboundGrid       LipBound grid points per axis
 * @param singlaIterations   Gram squarings per reshape in the Singla-Feizi bound
 * @param repetitions        timed calls per method and layer after one warm-up (median reported)
 * @param convergence        the layer of the convergence figure
 * @param convergenceGramMax Gram iterations 1..this in the figure
 * @param convergencePowerSteps power-iteration step counts in the figure
 */
public record GramIterationConfig(List<ConvLayerShape> randomKernels, int resnetInput, int resnetWidthDivisor,
                                  String padding, String dtype, int gramIterations, int powerIterations,
                                  int spatialGramIterations, int lipboundGrid, int singlaIterations, int repetitions,
                                  ConvLayerShape convergence, int convergenceGramMax,
                                  List<Integer> convergencePowerSteps) {

    public GramIterationConfig {
        randomKernels = List.copyOf(randomKernels);
        convergencePowerSteps = List.copyOf(convergencePowerSteps);
        if (resnetInput < 0 || resnetWidthDivisor < 1) {
            throw new IllegalArgumentException("gram-iteration: resnetInput must be >= 0 and resnetWidthDivisor >= 1");
        }
        if (randomKernels.isEmpty() && resnetInput == 0) {
            throw new IllegalArgumentException("gram-iteration: no layers (no random kernels and no ResNet-18 stack)");
        }
        if (gramIterations < 1 || powerIterations < 1 || spatialGramIterations < 1 || lipboundGrid < 1
                || singlaIterations < 1 || repetitions < 1 || convergenceGramMax < 1) {
            throw new IllegalArgumentException("gram-iteration: iteration counts and repetitions must be >= 1");
        }
        if (convergencePowerSteps.isEmpty() || convergencePowerSteps.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("gram-iteration: convergencePowerSteps must be positive, got "
                    + convergencePowerSteps);
        }
    }

    /** The paper's 64-channel 5x5 kernel at n = 12 (Sec. 5.2), then the peer's 3x3 kernels at 64..512 channels. */
    private static final List<ConvLayerShape> PAPER_KERNELS = List.of(
            new ConvLayerShape("random-64x64x5x5", 64, 64, 5, 12, 1),
            new ConvLayerShape("random-64x64x3x3", 64, 64, 3, 32, 1),
            new ConvLayerShape("random-128x128x3x3", 128, 128, 3, 16, 1),
            new ConvLayerShape("random-256x256x3x3", 256, 256, 3, 8, 1),
            new ConvLayerShape("random-512x512x3x3", 512, 512, 3, 4, 1));
    private static final ConvLayerShape CONVERGENCE = new ConvLayerShape("convergence-64x64x3x3", 64, 64, 3, 32, 1);
    private static final List<Integer> CONVERGENCE_STEPS = List.of(1, 2, 3, 5, 10, 20, 30, 50, 75, 100);

    /**
     * Laptop scale, a few minutes on 2 cores: the paper's 64-channel 5x5 kernel at n = 12
     * (Sec. 5.2) and the peer's 3x3 kernels at 64..256 channels, and a CIFAR ResNet-18 at half
     * width (32..256 channels) at 32x32, float32, the papers' iteration counts, one timed call
     * after a warm-up. The spatial Gram bound gets 3 squarings: its iterates hold
     * {@code (2^T (k-1) + 1)^2 c^2} values, so a fourth squaring costs ~4x the memory and time
     * of the three before it.
     */
    public static GramIterationConfig defaults() {
        return new GramIterationConfig(PAPER_KERNELS.subList(0, 4), 32, 2, "circular", "f32", 6, 100, 3, 50, 10, 1,
                CONVERGENCE, 10, CONVERGENCE_STEPS);
    }

    /**
     * The papers' sizes: random 3x3 kernels up to 512 channels and the full-width ResNet-18 at
     * 32x32, median of 3 timed calls. Measured on 2 cores: 12 minutes, 3.7 GB resident at its
     * peak (see the README's notes on memory).
     */
    public static GramIterationConfig full() {
        return new GramIterationConfig(PAPER_KERNELS, 32, 1, "circular", "f32", 6, 100, 3, 50, 10, 3, CONVERGENCE, 10,
                CONVERGENCE_STEPS);
    }

    /** Seconds: small kernels and a ResNet-18 of width 8, in float64 so bounds can be checked to rounding. */
    public static GramIterationConfig tiny() {
        return new GramIterationConfig(List.of(
                new ConvLayerShape("random-8x8x5x5", 8, 8, 5, 6, 1),
                new ConvLayerShape("random-6x4x3x3", 6, 4, 3, 8, 1)),
                8, 8, "circular", "f64", 6, 30, 3, 30, 5, 1,
                new ConvLayerShape("convergence-8x8x3x3", 8, 8, 3, 8, 1), 6, List.of(1, 2, 5, 10, 20));
    }
}
