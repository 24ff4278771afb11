package org.robust4j.layers.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.support.Nd4jTestBackend;

class DenseSpectralNormTest {
    private final Backend b = Nd4jTestBackend.get();

    private Tensor gaussian(long seed, int m, int d) {
        return Tensor.randn(b, new Generator(seed), DType.FLOAT64, m, d);
    }

    /** sigma_1 as sqrt(lambda_max(W^T W)) by EJML's symmetric eigen-solver, not the SVD under test. */
    private static double reference(Tensor w) {
        DMatrixRMaj m = new DMatrixRMaj(w.dim(0), w.dim(1), true, w.toDoubleArray());
        DMatrixRMaj g = new DMatrixRMaj(m.numCols, m.numCols);
        CommonOps_DDRM.multTransA(m, m, g);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(g.numRows, false, true);
        assertThat(eig.decompose(g)).isTrue();
        double best = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            best = Math.max(best, eig.getEigenvalue(i).getReal());
        }
        return Math.sqrt(best);
    }

    @Test
    void exactGramAndPowerAgainstAnEigenvalueReference() {
        int[][] shapes = {{1, 1}, {1, 7}, {9, 1}, {5, 5}, {12, 4}, {4, 12}, {40, 25}, {25, 40}};
        for (int[] s : shapes) {
            Tensor w = gaussian(s[0] * 100L + s[1], s[0], s[1]);
            double truth = reference(w);
            SpectralNorm exact = new ExactSpectralNorm().dense(w);
            assertThat(exact.kind()).isEqualTo(SpectralNorm.Kind.EXACT);
            assertThat(exact.value()).as("exact %sx%s", s[0], s[1]).isCloseTo(truth, within(1e-10 * truth));
            double rank = Math.min(s[0], s[1]);
            for (int t = 0; t <= 8; t++) {
                SpectralNorm g = new GramIteration(t).dense(w);
                assertThat(g.kind()).isEqualTo(SpectralNorm.Kind.UPPER);
                assertThat(g.iterations()).isEqualTo(t);
                // sigma_1 <= B_T <= rank^(2^-(T+1)) sigma_1 (Schatten-2^(T+1) norm).
                assertThat(g.value()).as("gram T=%s %sx%s", t, s[0], s[1]).isGreaterThanOrEqualTo(truth * (1 - 1e-12))
                        .isLessThanOrEqualTo(truth * Math.pow(rank, Math.pow(2, -t - 1)) * (1 + 1e-12));
            }
            SpectralNorm p = new PowerIteration(200).dense(w);
            assertThat(p.kind()).isEqualTo(SpectralNorm.Kind.ESTIMATE);
            assertThat(p.value()).isLessThanOrEqualTo(truth * (1 + 1e-12)).isGreaterThan(truth * 0.9);
        }
    }

    @Test
    void gramWithZeroIterationsIsTheFrobeniusNorm() {
        Tensor w = gaussian(3, 6, 4);
        double frob = Math.sqrt(w.square().sum().item());
        assertThat(new GramIteration(0).dense(w).value()).isCloseTo(frob, within(1e-12 * frob));
    }

    /** Research note 1.1: with all singular values equal the bound is rank^(2^-(T+1)): 1.297, 1.139, 1.067, 1.033 at T = 3..6, rank 64. */
    @Test
    void worstCaseRatiosOfTheResearchNote() {
        Tensor eye = Tensor.eye(b, DType.FLOAT64, 64);
        double[] published = {1.297, 1.139, 1.067, 1.033, 1.016, 1.008};
        for (int t = 3; t <= 8; t++) {
            assertThat(new GramIteration(t).dense(eye).value()).as("T=%s", t).isCloseTo(published[t - 3], within(1e-3));
        }
    }

    /**
     * Values of the PyTorch peer, {@code /work/shared/peer/spectral_reference.py} (exact_dense,
     * gram_dense, power_dense), run in float64 (torch 1.13.1) by a scratch script on
     * {@code W[i][j] = sin(1 + i + 2j)} and the power start {@code x0[j] = cos(1 + j)}.
     */
    @Test
    void matchesThePyTorchPeerOnAFormulaMatrix() {
        Tensor w = formula(7, 5);
        assertThat(new ExactSpectralNorm().dense(w).value()).isCloseTo(2.98980085114559, within(1e-12));
        double[] gram = {3.49622818482856, 3.20798967925844, 3.07562777695371, 3.01642705614312, 2.99457981670985,
            2.99006986133414};
        for (int t = 1; t <= 6; t++) {
            assertThat(new GramIteration(t).dense(w).value()).as("t=%s", t).isCloseTo(gram[t - 1], within(1e-12));
        }
        double[] x0 = new double[5];
        for (int j = 0; j < 5; j++) {
            x0[j] = Math.cos(1 + j);
        }
        PowerIteration power = new PowerIteration(100).withStart(Tensor.of(b, x0, 5));
        assertThat(power.dense(w).value()).isCloseTo(2.98980063901117, within(1e-12));

        Tensor wide = formula(5, 9);
        assertThat(new GramIteration(3).dense(wide).value()).isCloseTo(3.88487135229976, within(1e-12));
        assertThat(new ExactSpectralNorm().dense(wide).value()).isCloseTo(3.88351462541265, within(1e-12));
    }

    private Tensor formula(int m, int d) {
        double[] v = new double[m * d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                v[i * d + j] = Math.sin(1 + i + 2 * j);
            }
        }
        return Tensor.of(b, v, m, d);
    }

    @Test
    void zeroTinyAndHugeMatricesNeitherOverflowNorGiveNaN() {
        Tensor zero = Tensor.zeros(b, DType.FLOAT32, 5, 3);
        assertThat(new GramIteration(6).dense(zero).value()).isZero();
        assertThat(new ExactSpectralNorm().dense(zero).value()).isZero();
        assertThat(new PowerIteration(10).dense(zero).value()).isZero();
        Tensor w64 = gaussian(9, 16, 16);
        double truth = reference(w64);
        for (double scale : new double[] {1e30, 1e-30}) {
            Tensor w = w64.mul(scale).cast(DType.FLOAT32);
            double g = new GramIteration(12).dense(w).value();
            assertThat(g / (truth * scale)).as("scale %s", scale).isCloseTo(1.0, within(1e-4));
        }
        // 125+ squarings: the official accumulator 2^T log r overflows FLOAT32 there; the log-domain sum does not.
        assertThat(new GramIteration(140).dense(w64.cast(DType.FLOAT32)).value() / truth).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void gramGradientPassesFiniteDifferences() {
        for (int[] s : new int[][] {{4, 3}, {3, 5}}) {
            for (int t : new int[] {1, 3, 6}) {
                GramIteration g = new GramIteration(t);
                GradCheck.Result r = GradCheck.check(in -> g.denseDifferentiable(in[0]), gaussian(s[0] + t, s[0], s[1]));
                assertThat(r.passes(1e-7, 1e-6)).as("%sx%s T=%s: %s", s[0], s[1], t, r).isTrue();
            }
        }
    }

    @Test
    void persistentPowerIterationConvergesAndGivesTheSpectralNormalisationGradient() {
        Tensor w = gaussian(17, 6, 4);
        double truth = reference(w);
        PersistentPowerIteration pi = new PersistentPowerIteration(5, 1);
        double last = 0;
        for (int i = 0; i < 20; i++) {
            last = pi.sigma(new DenseMap(w)).item();
        }
        assertThat(last).isCloseTo(truth, within(1e-9 * truth));
        // d(u^T W v)/dW = u v^T at convergence: compare with the exact gradient of sigma_1.
        Tensor leaf = w.detach().requiresGrad(true);
        Tensor sigma = pi.sigma(new DenseMap(leaf));
        sigma.backward();
        Tensor v = pi.vector();
        Tensor u = w.matmul(v).div(truth);
        double[] expect = u.reshape(6, 1).matmul(v.reshape(1, 4)).toDoubleArray();
        assertThat(leaf.grad().toDoubleArray()).containsExactly(expect, within(1e-8));
    }

    @Test
    void badInputsAreRejectedWithTheOpAndShape() {
        Tensor nan = Tensor.of(b, new double[] {1, Double.NaN, 0, 2}, 2, 2);
        assertThatThrownBy(() -> new GramIteration().dense(nan)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GramIteration").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new ExactSpectralNorm().dense(gaussian(1, 2, 2).reshape(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4]");
        assertThatThrownBy(() -> new LipBound().dense(gaussian(1, 2, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lipbound");
        assertThatThrownBy(() -> SpectralNormMethod.byName("svd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gram, power, exact, spatial-gram, lipbound, singla-feizi");
    }

    @Test
    void randomShapesStayAboveAndBelowTheTruth() {
        Random r = new Random(5);
        for (int i = 0; i < 20; i++) {
            int m = 1 + r.nextInt(30);
            int d = 1 + r.nextInt(30);
            Tensor w = gaussian(1000 + i, m, d);
            double truth = reference(w);
            assertThat(new GramIteration(5).dense(w).value()).isGreaterThanOrEqualTo(truth * (1 - 1e-12));
            assertThat(new PowerIteration(20).dense(w).value()).isLessThanOrEqualTo(truth * (1 + 1e-12));
        }
    }
}
