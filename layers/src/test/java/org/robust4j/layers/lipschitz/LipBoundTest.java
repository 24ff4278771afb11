package org.robust4j.layers.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.support.Nd4jTestBackend;

/**
 * LipBound against its definition by loops: {@code max_w ||sum_{p,q} K[:,:,p,q] e^{-2 pi i (p u + q v)/N}||_F}
 * over the N x N grid, times the grid correction. The frequencies are taken in blocks (so a
 * 512-channel kernel never holds its whole spectrum); any block size gives the same value and gradient.
 */
class LipBoundTest {
    private final Backend b = Nd4jTestBackend.get();

    @Test
    void equalsTheGridMaximumOfTheFrobeniusNormByLoops() {
        int co = 3;
        int ci = 2;
        int k = 3;
        int grid = 16;
        Tensor kernel = Tensor.randn(b, new Generator(5), DType.FLOAT64, co, ci, k, k);
        double[] w = kernel.toDoubleArray();
        double best = 0;
        for (int u = 0; u < grid; u++) {
            for (int v = 0; v < grid; v++) {
                double frob = 0;
                for (int o = 0; o < co; o++) {
                    for (int i = 0; i < ci; i++) {
                        double re = 0;
                        double im = 0;
                        for (int p = 0; p < k; p++) {
                            for (int q = 0; q < k; q++) {
                                double a = -2 * Math.PI * (p * u + q * v) / grid;
                                double x = w[((o * ci + i) * k + p) * k + q];
                                re += x * Math.cos(a);
                                im += x * Math.sin(a);
                            }
                        }
                        frob += re * re + im * im;
                    }
                }
                best = Math.max(best, frob);
            }
        }
        double expected = Math.sqrt(best * LipBound.gridCorrection(k, k, grid));
        ConvGeometry g = ConvGeometry.same(kernel.shape(), 20, 20, 1, PadMode.CIRCULAR);
        assertThat(new LipBound(grid).conv(kernel, g).value()).isCloseTo(expected, within(1e-10 * expected));
        for (long block : new long[] {1, co * ci, 5 * co * ci, 1 << 20}) {
            double m = KernelSpectrum.maxFrobeniusSquared(kernel, grid, grid, block).item();
            assertThat(m).as("block of %d values", block).isCloseTo(best, within(1e-10 * best));
        }
    }

    @Test
    void theGradientDoesNotDependOnTheBlocks() {
        Tensor kernel = Tensor.randn(b, new Generator(9), DType.FLOAT64, 4, 3, 3, 3).requiresGrad(true);
        double[][] grads = new double[2][];
        long[] blocks = {12, 1 << 20};   // one frequency per block, and all in one
        for (int r = 0; r < 2; r++) {
            kernel.zeroGrad();
            KernelSpectrum.maxFrobeniusSquared(kernel, 10, 10, blocks[r]).backward();
            grads[r] = kernel.grad().toDoubleArray();
        }
        assertThat(grads[0]).containsExactly(grads[1], within(1e-12));
        assertThat(java.util.Arrays.stream(grads[0]).map(Math::abs).sum()).isPositive();
    }
}
