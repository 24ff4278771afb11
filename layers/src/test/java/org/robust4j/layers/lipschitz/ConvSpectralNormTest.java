package org.robust4j.layers.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.support.Nd4jTestBackend;
import org.robust4j.layers.support.OperatorMatrix;

class ConvSpectralNormTest {
    private final Backend b = Nd4jTestBackend.get();

    private Tensor kernel(long seed, DType dt, int... shape) {
        return Tensor.randn(b, new Generator(seed), dt, shape);
    }

    @Test
    void frequencyRepresentativesCoverEachConjugatePairOnce() {
        for (int[] n : new int[][] {{1, 1}, {1, 6}, {5, 1}, {4, 4}, {5, 7}, {6, 8}, {7, 7}}) {
            int[][] f = KernelSpectrum.frequencies(n[0], n[1]);
            Set<Long> classes = new HashSet<>();
            for (int i = 0; i < f[0].length; i++) {
                long a = (long) f[0][i] * n[1] + f[1][i];
                long c = (long) Math.floorMod(-f[0][i], n[0]) * n[1] + Math.floorMod(-f[1][i], n[1]);
                assertThat(classes.add(Math.min(a, c))).as("pair of (%s, %s) twice on %sx%s", f[0][i], f[1][i], n[0], n[1])
                        .isTrue();
            }
            Set<Long> all = new HashSet<>();
            for (int u = 0; u < n[0]; u++) {
                for (int v = 0; v < n[1]; v++) {
                    long a = (long) u * n[1] + v;
                    long c = (long) Math.floorMod(-u, n[0]) * n[1] + Math.floorMod(-v, n[1]);
                    all.add(Math.min(a, c));
                }
            }
            assertThat(classes).isEqualTo(all);
        }
    }

    @Test
    void spectrumByPhaseTableEqualsSpectrumByFft() {
        for (int[] c : new int[][] {{3, 2, 3, 3, 6, 6}, {2, 4, 5, 2, 7, 5}, {1, 2, 1, 3, 1, 4}, {2, 2, 2, 2, 2, 2}}) {
            Tensor k = kernel(c[0] + c[5], DType.FLOAT64, c[0], c[1], c[2], c[3]);
            ComplexBatch dft = KernelSpectrum.of(k, c[4], c[5], KernelSpectrum.Evaluation.DFT_MATMUL);
            ComplexBatch fft = KernelSpectrum.of(k, c[4], c[5], KernelSpectrum.Evaluation.FFT);
            assertThat(fft.re().toDoubleArray()).containsExactly(dft.re().toDoubleArray(), within(1e-12));
            assertThat(fft.im().toDoubleArray()).containsExactly(dft.im().toDoubleArray(), within(1e-12));
        }
    }

    /**
     * Values of the PyTorch peer, {@code /work/shared/peer/spectral_reference.py} (exact_conv,
     * gram_conv, power_conv: circular padding k/2, stride 1), run in float64 (torch 1.13.1) by a
     * scratch script on {@code K[o][c][p][q] = sin(1 + o + 2c + 3p + 5q)} and the power start
     * {@code x0[c][i][j] = cos(1 + c + 2i + 3j)}.
     */
    @Test
    void matchesThePyTorchPeerOnFormulaKernels() {
        Tensor k = formula(6, 4, 5, 5);
        ConvGeometry g = ConvGeometry.circular(k.shape(), 8);
        SpectralNorm exact = new ExactSpectralNorm().conv(k, g);
        assertThat(exact.kind()).isEqualTo(SpectralNorm.Kind.EXACT);
        assertThat(exact.value()).isCloseTo(55.3004105403325, within(1e-10));
        double[] gram = {55.3090633068473, 55.3004132493724, 55.300410540333};
        for (int t = 1; t <= 3; t++) {
            assertThat(new GramIteration(t).conv(k, g).value()).as("t=%s", t).isCloseTo(gram[t - 1], within(1e-10));
        }
        // 100 steps from the same start; the iterates differ from the peer's by rounding only.
        assertThat(new PowerIteration(100).withStart(formulaStart(4, 8)).conv(k, g).value())
                .isCloseTo(55.3004105403326, within(1e-7));

        Tensor small = formula(4, 3, 3, 3);
        ConvGeometry g6 = ConvGeometry.circular(small.shape(), 6);
        assertThat(new ExactSpectralNorm().conv(small, g6).value()).isCloseTo(15.2510582564208, within(1e-10));
        assertThat(new GramIteration(1).conv(small, g6).value()).isCloseTo(15.2519400177143, within(1e-10));
        assertThat(new GramIteration(2).conv(small, g6).value()).isCloseTo(15.251058358399, within(1e-10));
    }

    private Tensor formula(int co, int ci, int kh, int kw) {
        double[] v = new double[co * ci * kh * kw];
        int i = 0;
        for (int o = 0; o < co; o++) {
            for (int c = 0; c < ci; c++) {
                for (int p = 0; p < kh; p++) {
                    for (int q = 0; q < kw; q++) {
                        v[i++] = Math.sin(1 + o + 2 * c + 3 * p + 5 * q);
                    }
                }
            }
        }
        return Tensor.of(b, v, co, ci, kh, kw);
    }

    private Tensor formulaStart(int ci, int n) {
        double[] v = new double[ci * n * n];
        for (int c = 0; c < ci; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    v[(c * n + i) * n + j] = Math.cos(1 + c + 2 * i + 3 * j);
                }
            }
        }
        return Tensor.of(b, v, ci, n, n);
    }

    /** Acceptance: 6 squarings in FLOAT32 within 1e-3 of the exact circular norm, up to 256x256x3x3. */
    @Test
    void gramInFloat32IsWithin1e3OfTheExactNormOnLargeKernels() {
        for (int[] c : new int[][] {{256, 256, 3, 8}, {64, 64, 3, 16}, {128, 32, 3, 8}, {16, 48, 5, 12}}) {
            try (Scope s = Scope.open()) {
                Tensor k64 = kernel(c[0] + c[3], DType.FLOAT64, c[0], c[1], c[2], c[2]).mul(Math.sqrt(2.0 / (c[1] * c[2] * c[2])));
                ConvGeometry g = ConvGeometry.circular(k64.shape(), c[3]);
                SpectralNorm exact = new ExactSpectralNorm().conv(k64, g);
                SpectralNorm gram = new GramIteration(6).conv(k64.cast(DType.FLOAT32), g);
                assertThat(gram.dtype()).isEqualTo(DType.FLOAT32);
                assertThat(gram.value() / exact.value() - 1).as("%s", java.util.Arrays.toString(c))
                        .isGreaterThan(-1e-5).isLessThan(1e-3);
            }
        }
    }

    /** Dropping frequencies that cannot hold the maximum leaves the value unchanged. */
    @Test
    void pruningChangesNothing() {
        for (int[] c : new int[][] {{16, 16, 3, 16}, {24, 8, 3, 12}, {8, 32, 5, 10}}) {
            Tensor k = kernel(c[0] + c[3], DType.FLOAT64, c[0], c[1], c[2], c[2]);
            ConvGeometry g = ConvGeometry.circular(k.shape(), c[3]);
            for (int t : new int[] {3, 6}) {
                double pruned = new GramIteration(t).conv(k, g).value();
                double full = new GramIteration(t).withoutPruning().conv(k, g).value();
                assertThat(pruned).as("%s T=%s", java.util.Arrays.toString(c), t).isCloseTo(full, within(1e-12 * full));
            }
            double exact = new ExactSpectralNorm().conv(k, g).value();
            assertThat(new GramIteration(8).withoutPruning().conv(k, g).value()).isCloseTo(exact, within(1e-9 * exact));
        }
    }

    @Test
    void gramGradientsPassFiniteDifferences() {
        record Case(int co, int ci, int k, int t, ConvGeometry g) {}
        Case[] cases = {
            new Case(2, 3, 3, 6, new ConvGeometry(5, 5, 1, 1, 1, PadMode.CIRCULAR)),
            new Case(3, 2, 2, 3, new ConvGeometry(4, 6, 2, 1, 1, PadMode.ZERO)),
            new Case(2, 2, 3, 4, new ConvGeometry(6, 6, 2, 1, 1, PadMode.CIRCULAR))};
        for (Case c : cases) {
            GramIteration gram = new GramIteration(c.t());
            GradCheck.Result r = GradCheck.check(in -> gram.convDifferentiable(in[0], c.g()),
                    kernel(c.co() * 10L + c.t(), DType.FLOAT64, c.co(), c.ci(), c.k(), c.k()));
            assertThat(r.passes(1e-7, 1e-6)).as("%s: %s", c, r).isTrue();
        }
    }

    @Test
    void otherDifferentiableBoundsPassFiniteDifferences() {
        Tensor k = kernel(21, DType.FLOAT64, 2, 3, 3, 2);
        ConvGeometry g = new ConvGeometry(5, 5, 1, 1, 1, PadMode.ZERO);
        for (DifferentiableSpectralNorm e : new DifferentiableSpectralNorm[] {
            new LipBound(20), new SpatialGramBound(2), new SinglaFeiziBound(4)}) {
            GradCheck.Result r = GradCheck.check(in -> e.convDifferentiable(in[0], g), k);
            assertThat(r.passes(1e-7, 1e-6)).as("%s: %s", e.method(), r).isTrue();
            assertThat(e.convDifferentiable(k, g).item()).isCloseTo(e.conv(k, g).value(), within(1e-12));
        }
    }

    @Test
    void aKernelWithAZeroFrequencyGivesNoNaNAndAFiniteGradient() {
        // Every filter sums to zero, so the block at frequency 0 vanishes (research note 4.7).
        Tensor k = kernel(5, DType.FLOAT64, 2, 2, 3, 3);
        Tensor zeroMean = k.sub(k.mean(new int[] {2, 3}, true));
        ConvGeometry g = ConvGeometry.circular(zeroMean.shape(), 6);
        double exact = new ExactSpectralNorm().conv(zeroMean, g).value();
        assertThat(new GramIteration(6).conv(zeroMean, g).value()).isCloseTo(exact, within(1e-6 * exact));
        GradCheck.Result r = GradCheck.check(in -> new GramIteration(4).convDifferentiable(in[0], g), zeroMean);
        assertThat(r.passes(1e-7, 1e-6)).as(r.toString()).isTrue();
        Tensor zero = Tensor.zeros(b, DType.FLOAT32, 3, 2, 3, 3);
        for (SpectralNormMethod m : SpectralNormMethod.values()) {
            assertThat(m.create().conv(zero, ConvGeometry.circular(zero.shape(), 5)).value()).as(m.cliName()).isZero();
        }
    }

    @Test
    void persistentPowerIterationThroughConvolutions() {
        Tensor k = kernel(8, DType.FLOAT64, 3, 2, 3, 3);
        ConvGeometry g = new ConvGeometry(6, 6, 1, 1, 1, PadMode.ZERO);
        double truth = OperatorMatrix.largestSingularValue(OperatorMatrix.conv(k.toDoubleArray(), 3, 2, 3, 3, 6, 6, 1, 1,
                1, false));
        PersistentPowerIteration pi = new PersistentPowerIteration(15, 3);
        double v = 0;
        for (int i = 0; i < 8; i++) {
            v = pi.sigma(new ConvMap(k, g)).item();
        }
        assertThat(v).isLessThanOrEqualTo(truth * (1 + 1e-12)).isGreaterThan(truth * 0.99);
    }

    /** ConvMap pads through the backend; every width (including wider than the axis) wraps as (i - before) mod n. */
    @Test
    void circularPaddingOfEveryWidth() {
        Tensor x = kernel(3, DType.FLOAT64, 2, 3, 4, 5);
        double[] v = x.toDoubleArray();
        for (int[] p : new int[][] {{0, 1, 2, 0}, {3, 4, 5, 5}, {1, 0, 7, 2}, {4, 9, 0, 0}}) {
            Tensor y = x.pad(new int[] {0, 0, p[0], p[2]}, new int[] {0, 0, p[1], p[3]}, PadMode.CIRCULAR);
            int h = 4 + p[0] + p[1];
            int w = 5 + p[2] + p[3];
            assertThat(y.shape()).isEqualTo(Shape.of(2, 3, h, w));
            double[] got = y.toDoubleArray();
            for (int c = 0; c < 6; c++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double expect = v[(c * 4 + Math.floorMod(i - p[0], 4)) * 5 + Math.floorMod(j - p[2], 5)];
                        assertThat(got[(c * h + i) * w + j]).isEqualTo(expect);
                    }
                }
            }
        }
    }

    @Test
    void embeddingTorusSizes() {
        Shape k3 = Shape.of(1, 1, 3, 3);
        // Zero padding, stride 1: a torus of n + p points (never more than the note's n + max(p, k-1-p)).
        CirculantEmbedding z = CirculantEmbedding.plan(k3, new ConvGeometry(8, 8, 1, 1, 1, PadMode.ZERO));
        assertThat(z.torusH()).isEqualTo(9);
        assertThat(z.exact()).isFalse();
        assertThat(CirculantEmbedding.plan(k3, new ConvGeometry(8, 8, 1, 0, 0, PadMode.ZERO)).torusH()).isEqualTo(8);
        // Circular "same", stride 2 dividing 8: polyphase on a 4-torus, exact.
        CirculantEmbedding c = CirculantEmbedding.plan(k3, new ConvGeometry(8, 8, 2, 1, 1, PadMode.CIRCULAR));
        assertThat(c.torusH()).isEqualTo(4);
        assertThat(c.axisH().factor()).isEqualTo(2);
        assertThat(c.exact()).isTrue();
        // Even kernel with k/2 circular padding: n + 1 outputs, one row repeated (note 4.2).
        CirculantEmbedding even = CirculantEmbedding.plan(Shape.of(1, 1, 2, 2), new ConvGeometry(5, 5, 1, 1, 1, PadMode.CIRCULAR));
        assertThat(even.rowSelectionNorm()).isEqualTo(2.0);
        assertThat(even.exact()).isFalse();
    }

    @Test
    void badInputsAreRejected() {
        Tensor k = kernel(1, DType.FLOAT64, 2, 2, 5, 5);
        assertThatThrownBy(() -> new GramIteration().conv(k, new ConvGeometry(2, 2, 1, 0, 0, PadMode.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GramIteration")
                .hasMessageContaining("[2, 2, 5, 5]").hasMessageContaining("larger than the padded input");
        assertThatThrownBy(() -> new ExactSpectralNorm().conv(k.reshape(4, 5, 5), ConvGeometry.circular(k.shape(), 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4, 5, 5]");
        Tensor nan = k.mul(Double.NaN);
        assertThatThrownBy(() -> new PowerIteration().conv(nan, ConvGeometry.circular(k.shape(), 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new LipBound(5).conv(k, ConvGeometry.circular(k.shape(), 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too coarse");
        assertThat(SpectralNorms.estimate(k, 6, 6, PadMode.ZERO, 1, "lipbound", null, DType.FLOAT64).value()).isPositive();
        assertThatThrownBy(() -> SpectralNorms.estimate(k.reshape(4, 25), 6, 6, PadMode.ZERO, 1, "lipbound", null,
                DType.FLOAT64)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dense");
    }

    @Test
    void toolFacadeCastsAndNamesTheResult() {
        Tensor k = kernel(2, DType.FLOAT64, 4, 3, 3, 3);
        SpectralNorm r = SpectralNorms.estimate(k, 8, 8, PadMode.CIRCULAR, 1, "gram", null, DType.FLOAT32);
        assertThat(r.method()).isEqualTo("gram");
        assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(r.iterations()).isEqualTo(GramIteration.DEFAULT_ITERATIONS);
        double exact = SpectralNorms.estimate(k, 8, 8, PadMode.CIRCULAR, 1, "exact", null, DType.FLOAT64).value();
        assertThat(r.value()).isCloseTo(exact, within(1e-3 * exact));
        SpectralNorm dense = SpectralNorms.estimate(k.reshape(4, 27), 1, 1, PadMode.ZERO, 1, "power", 50, DType.FLOAT64);
        assertThat(dense.kind().label()).isEqualTo("estimate");
        assertThat(dense.iterations()).isEqualTo(50);
    }
}
