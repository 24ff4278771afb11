package org.robust4j.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.robust4j.attacks.eot.Eot;
import org.robust4j.attacks.eot.GradientEstimate;
import org.robust4j.attacks.support.AffineModel;
import org.robust4j.attacks.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.noise.NoiseInjection;

/**
 * On a randomized model {@code f(x + N(0, sigma^2))}, the EOT gradient is an average of
 * per-draw gradients and converges to the gradient of the expected loss: checked against an
 * exact expectation (a quadratic objective) and against an independent Monte Carlo estimate in
 * double precision (the cross-entropy), with tolerances of five standard errors.
 */
class EotTest {
    private static final int D = 6;
    private static final int C = 3;
    private static final double SIGMA = 0.5;
    private final Backend b = TestBackend.get();
    private final double[][] w = new double[C][D];
    private final double[] bias = new double[C];
    private final double[] x = new double[D];

    EotTest() {
        Random r = new Random(3);
        for (int c = 0; c < C; c++) {
            bias[c] = 0.2 * r.nextGaussian();
            for (int j = 0; j < D; j++) {
                w[c][j] = r.nextGaussian();
            }
        }
        for (int j = 0; j < D; j++) {
            x[j] = r.nextDouble();
        }
    }

    private Module randomized(long seed) {
        return new Sequential(NoiseInjection.gaussian(LayerContext.of(b, seed), SIGMA), new AffineModel(b, w, bias));
    }

    private Tensor input() {
        return Tensor.of(b, x, 1, D).cast(DType.FLOAT32);
    }

    private double[] eotGradient(Module model, AttackLoss loss, int samples) {
        GradientEstimate e = Eot.of(samples).estimate(model, input(), Tensor.ofLongs(b, new long[] {1}, 1), loss,
                Goal.UNTARGETED);
        return e.gradient().toDoubleArray();
    }

    @Test
    void quadraticObjectiveConvergesToItsExactExpectedGradient() {
        // J = z_0^2 with z_0 = w_0.(x + e) + b_0: E grad = 2 w_0 (w_0.x + b_0); per draw the
        // gradient's coordinate j has standard deviation 2 |w_0j| sigma ||w_0||.
        AttackLoss square = (logits, labels) -> logits.narrow(1, 0, 1).squeeze(1).square();
        double z = bias[0];
        double n2 = 0;
        for (int j = 0; j < D; j++) {
            z += w[0][j] * x[j];
            n2 += w[0][j] * w[0][j];
        }
        int samples = 2000;
        double[] g = eotGradient(randomized(1), square, samples);
        for (int j = 0; j < D; j++) {
            double sd = 2 * Math.abs(w[0][j]) * SIGMA * Math.sqrt(n2) / Math.sqrt(samples);
            assertThat(g[j]).as("coordinate %s", j).isCloseTo(2 * w[0][j] * z,
                    org.assertj.core.api.Assertions.within(5 * sd + 1e-4));
        }
    }

    @Test
    void crossEntropyGradientConvergesToTheMonteCarloExpectation() {
        // Reference: E[W^T (softmax(W (x + e) + b) - e_y)] over 200000 draws in double precision.
        Random r = new Random(11);
        int m = 200_000;
        double[] mean = new double[D];
        double[] sq = new double[D];
        for (int k = 0; k < m; k++) {
            double[] xe = new double[D];
            for (int j = 0; j < D; j++) {
                xe[j] = x[j] + SIGMA * r.nextGaussian();
            }
            double[] z = new double[C];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < C; c++) {
                z[c] = bias[c];
                for (int j = 0; j < D; j++) {
                    z[c] += w[c][j] * xe[j];
                }
                max = Math.max(max, z[c]);
            }
            double s = 0;
            for (int c = 0; c < C; c++) {
                s += Math.exp(z[c] - max);
            }
            for (int j = 0; j < D; j++) {
                double g = 0;
                for (int c = 0; c < C; c++) {
                    g += (Math.exp(z[c] - max) / s - (c == 1 ? 1 : 0)) * w[c][j];
                }
                mean[j] += g / m;
                sq[j] += g * g / m;
            }
        }
        int samples = 1500;
        double[] eot = eotGradient(randomized(2), AttackLoss.CROSS_ENTROPY, samples);
        double[] one = eotGradient(randomized(3), AttackLoss.CROSS_ENTROPY, 1);
        double[] plain = eotGradient(new AffineModel(b, w, bias), AttackLoss.CROSS_ENTROPY, 1);
        double errEot = 0;
        double errOne = 0;
        double errPlain = 0;
        double bound = 0;
        for (int j = 0; j < D; j++) {
            double sd = Math.sqrt(sq[j] - mean[j] * mean[j]);
            double tol = 5 * sd * Math.sqrt(1.0 / samples + 1.0 / m) + 1e-5;
            assertThat(eot[j]).as("coordinate %s", j).isCloseTo(mean[j], org.assertj.core.api.Assertions.within(tol));
            errEot += (eot[j] - mean[j]) * (eot[j] - mean[j]);
            errOne += (one[j] - mean[j]) * (one[j] - mean[j]);
            errPlain += (plain[j] - mean[j]) * (plain[j] - mean[j]);
            bound += tol * tol;
        }
        // One draw is far from the expectation, and so is the gradient of the noise-free model:
        // the attack must average over the randomized model itself.
        assertThat(errOne).isGreaterThan(4 * errEot);
        assertThat(errPlain).isGreaterThan(bound);
    }
}
