package org.robust4j.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.robust4j.attacks.gradient.Fgsm;
import org.robust4j.attacks.gradient.Pgd;
import org.robust4j.attacks.support.AffineModel;
import org.robust4j.attacks.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

/**
 * FGSM and PGD (no random start) against the update rules written out in double precision on a
 * linear model, whose input gradient of the cross-entropy is {@code W^T (softmax(z) - e_y)}.
 */
class PgdReferenceTest {
    private static final int N = 5;
    private static final int D = 10;
    private static final int C = 4;
    private final Backend b = TestBackend.get();
    private final Random r = new Random(7);
    private final double[][] w = new double[C][D];
    private final double[] bias = new double[C];
    private final double[][] x0 = new double[N][D];
    private final long[] y = new long[N];

    PgdReferenceTest() {
        for (int c = 0; c < C; c++) {
            bias[c] = 0.1 * r.nextGaussian();
            for (int j = 0; j < D; j++) {
                w[c][j] = r.nextGaussian();
            }
        }
        for (int i = 0; i < N; i++) {
            y[i] = r.nextInt(C);
            for (int j = 0; j < D; j++) {
                x0[i][j] = (float) r.nextDouble();
            }
        }
    }

    /** Per-sample cross-entropy gradient (and the loss in out[D]). */
    private double[] gradient(double[] x, long label, boolean targeted) {
        double[] z = new double[C];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < C; c++) {
            z[c] = bias[c];
            for (int j = 0; j < D; j++) {
                z[c] += w[c][j] * x[j];
            }
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < C; c++) {
            sum += Math.exp(z[c] - max);
        }
        double[] g = new double[D + 1];
        for (int c = 0; c < C; c++) {
            double p = Math.exp(z[c] - max) / sum - (c == label ? 1 : 0);
            for (int j = 0; j < D; j++) {
                g[j] += (targeted ? -p : p) * w[c][j];
            }
        }
        g[D] = Math.log(sum) + max - z[(int) label];
        return g;
    }

    /** The reference PGD; returns the final points and records the mean loss before each step. */
    private double[][] reference(Norm norm, double eps, double alpha, int steps, boolean targeted, List<Double> losses) {
        double[][] x = new double[N][];
        for (int i = 0; i < N; i++) {
            x[i] = x0[i].clone();
        }
        for (int t = 0; t < steps; t++) {
            double mean = 0;
            for (int i = 0; i < N; i++) {
                double[] g = gradient(x[i], y[i], targeted);
                mean += g[D] / N;
                double gn = 0;
                for (int j = 0; j < D; j++) {
                    gn += g[j] * g[j];
                }
                gn = Math.sqrt(gn) + 1e-12;
                for (int j = 0; j < D; j++) {
                    x[i][j] += norm == Norm.LINF ? alpha * Math.signum(g[j]) : alpha * g[j] / gn;
                }
                double dn = 0;
                for (int j = 0; j < D; j++) {
                    dn += (x[i][j] - x0[i][j]) * (x[i][j] - x0[i][j]);
                }
                double scale = Math.min(1, eps / (Math.sqrt(dn) + 1e-12));
                for (int j = 0; j < D; j++) {
                    double d = x[i][j] - x0[i][j];
                    d = norm == Norm.LINF ? Math.max(-eps, Math.min(eps, d)) : d * scale;
                    x[i][j] = Math.max(0, Math.min(1, x0[i][j] + d));
                }
            }
            losses.add(mean);
        }
        return x;
    }

    private AffineModel model() {
        return new AffineModel(b, w, bias);
    }

    private Tensor inputs() {
        double[] flat = new double[N * D];
        for (int i = 0; i < N; i++) {
            System.arraycopy(x0[i], 0, flat, i * D, D);
        }
        return Tensor.of(b, flat, N, D).cast(DType.FLOAT32);
    }

    private void assertClose(double[][] expect, Tensor actual, double tol) {
        float[] a = actual.toFloatArray();
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                assertThat((double) a[i * D + j]).as("sample %s coordinate %s", i, j).isCloseTo(expect[i][j], within(tol));
            }
        }
    }

    @Test
    void pgdFollowsTheUpdateRuleInBothNormsAndBothGoals() {
        for (Norm norm : Norm.values()) {
            for (boolean targeted : new boolean[] {false, true}) {
                double eps = norm == Norm.LINF ? 0.1 : 0.5;
                double alpha = eps / 3;
                List<Double> expectLoss = new ArrayList<>();
                double[][] expect = reference(norm, eps, alpha, 6, targeted, expectLoss);
                List<Double> loss = new ArrayList<>();
                Pgd pgd = Pgd.of(norm, eps, alpha, 6).withRandomStart(false)
                        .withListener((restart, step, e) -> loss.add(e.objective().mean().item()));
                AttackResult res = (targeted ? pgd.targeted() : pgd).run(model(), inputs(), Tensor.ofLongs(b, y, N));
                assertClose(expect, res.adversarial(), 2e-5);
                assertThat(loss).hasSize(6);
                for (int t = 0; t < 6; t++) {
                    // The listener sees the objective: minus the loss toward the target when targeted.
                    assertThat(loss.get(t)).as("%s step %s", norm, t)
                            .isCloseTo(targeted ? -expectLoss.get(t) : expectLoss.get(t), within(2e-5));
                }
            }
        }
    }

    @Test
    void fgsmIsOneStepOfSizeEps() {
        double[][] expect = reference(Norm.LINF, 0.07, 0.07, 1, false, new ArrayList<>());
        assertClose(expect, Fgsm.linf(0.07).run(model(), inputs(), Tensor.ofLongs(b, y, N)).adversarial(), 1e-6);
        double[][] expect2 = reference(Norm.L2, 0.4, 0.4, 1, false, new ArrayList<>());
        assertClose(expect2, Fgsm.l2(0.4).run(model(), inputs(), Tensor.ofLongs(b, y, N)).adversarial(), 1e-6);
    }
}
