package org.robust4j.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.robust4j.attacks.cw.CarliniWagnerL2;
import org.robust4j.attacks.gradient.Apgd;
import org.robust4j.attacks.gradient.Pgd;
import org.robust4j.attacks.support.AffineModel;
import org.robust4j.attacks.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * On a binary linear classifier {@code z = W x + b}, the smallest perturbation that flips the
 * prediction of {@code x} has a closed form: with {@code w = w_y - w_other} and margin
 * {@code m = w.x + b_y - b_other}, it is {@code m / ||w||_2} in l_2 and {@code m / ||w||_1} in
 * l_inf (the dual norms), as long as the box does not bind (the inputs here sit in the middle of
 * [0, 1], farther from its faces than the minimal perturbations). The tests compute these in
 * double precision from the weights and check that the attacks find them within 1%.
 */
class ClosedFormLinearTest {
    private static final int D = 20;
    private final Backend b = TestBackend.get();

    /** Weights, bias that puts the centre of the box on the boundary, and samples at l_2 distance 0.05..0.2 of it. */
    private static final class Problem {
        final AffineModel model;
        final double[][] x;
        final int[] y;

        Problem(Backend backend, long seed, int n) {
            Random r = new Random(seed);
            double[][] w = new double[2][D];
            for (int c = 0; c < 2; c++) {
                for (int j = 0; j < D; j++) {
                    w[c][j] = r.nextGaussian();
                }
            }
            double[] diff = new double[D];
            double norm = 0;
            double centre = 0;
            for (int j = 0; j < D; j++) {
                diff[j] = w[1][j] - w[0][j];
                norm += diff[j] * diff[j];
                centre += diff[j] * 0.5;
            }
            norm = Math.sqrt(norm);
            // (w1 - w0).x + b1 - b0 = 0 at x = 0.5 everywhere.
            double[] bias = {0, -centre};
            model = new AffineModel(backend, w, bias);
            x = new double[n][D];
            y = new int[n];
            for (int i = 0; i < n; i++) {
                double dist = (0.05 + 0.15 * r.nextDouble()) * (i % 2 == 0 ? 1 : -1);
                double[] noise = new double[D];
                double along = 0;
                for (int j = 0; j < D; j++) {
                    noise[j] = 0.03 * r.nextGaussian();
                    along += noise[j] * diff[j] / norm;
                }
                for (int j = 0; j < D; j++) {
                    // Orthogonal jitter keeps the distance to the boundary; the sign picks the class.
                    x[i][j] = 0.5 + dist * diff[j] / norm + noise[j] - along * diff[j] / norm;
                }
                y[i] = dist > 0 ? 1 : 0;
            }
        }

        Tensor inputs(Backend backend, int i) {
            return Tensor.of(backend, x[i], 1, D).cast(org.robust4j.core.tensor.DType.FLOAT32);
        }

        Tensor inputs(Backend backend) {
            double[] flat = new double[x.length * D];
            for (int i = 0; i < x.length; i++) {
                System.arraycopy(x[i], 0, flat, i * D, D);
            }
            return Tensor.of(backend, flat, x.length, D).cast(org.robust4j.core.tensor.DType.FLOAT32);
        }

        Tensor labels(Backend backend, int... rows) {
            long[] l = new long[rows.length];
            for (int k = 0; k < rows.length; k++) {
                l[k] = y[rows[k]];
            }
            return Tensor.ofLongs(backend, l, l.length);
        }

        Tensor allLabels(Backend backend) {
            int[] rows = new int[y.length];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            return labels(backend, rows);
        }
    }

    /** The smallest eps at which {@code attackAt(eps)} breaks sample i, by bisection to 0.05%. */
    private double smallestBreakingEps(java.util.function.DoubleFunction<Attack> attackAt, Problem p, int i,
                                       double upper) {
        double lo = 0;
        double hi = upper;
        Tensor xi = p.inputs(b, i);
        Tensor yi = p.labels(b, i);
        assertThat(attackAt.apply(hi).run(p.model, xi, yi, new Generator(1)).success()[0])
                .as("the attack must succeed at the upper end of the bisection").isTrue();
        while (hi - lo > 5e-4 * upper) {
            double mid = (lo + hi) / 2;
            try (Scope s = Scope.open()) {
                if (attackAt.apply(mid).run(p.model, xi, yi, new Generator(1)).success()[0]) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
        }
        return hi;
    }

    @Test
    void pgdLinfReachesTheMinimalLinfPerturbation() {
        Problem p = new Problem(b, 1, 6);
        for (int i = 0; i < p.x.length; i++) {
            double exact = p.model.minimalDistance(p.x[i], p.y[i], 1);
            double found = smallestBreakingEps(eps -> Pgd.linf(eps, eps / 4, 10).withRandomStart(false), p, i,
                    2 * exact);
            assertThat(found).as("sample %s: l_inf distance %s", i, exact).isCloseTo(exact, within(0.01 * exact));
        }
    }

    @Test
    void pgdL2ReachesTheMinimalL2Perturbation() {
        Problem p = new Problem(b, 2, 6);
        // Without random start: from a random point of the l_2 ball, the projection shrinks the
        // component orthogonal to the gradient only geometrically, so 10 steps stop a few
        // percent short of the optimum.
        for (int i = 0; i < p.x.length; i++) {
            double exact = p.model.minimalDistance(p.x[i], p.y[i], 2);
            double found = smallestBreakingEps(eps -> Pgd.l2(eps, eps / 4, 10).withRandomStart(false), p, i,
                    2 * exact);
            assertThat(found).as("sample %s: l_2 distance %s", i, exact).isCloseTo(exact, within(0.01 * exact));
        }
    }

    @Test
    void apgdBreaksJustAboveAndNeverBelowTheMinimalPerturbation() {
        Problem p = new Problem(b, 3, 8);
        Tensor x = p.inputs(b);
        Tensor y = p.allLabels(b);
        for (Norm norm : Norm.values()) {
            for (int i = 0; i < p.x.length; i++) {
                double exact = p.model.minimalDistance(p.x[i], p.y[i], norm == Norm.LINF ? 1 : 2);
                Tensor xi = Rows.take(x, new int[] {i});
                Tensor yi = Rows.take(y, new int[] {i});
                Apgd apgd = Apgd.of(norm, 1.01 * exact, 20);
                assertThat(apgd.run(p.model, xi, yi, new Generator(i)).success()[0]).as("%s above", norm).isTrue();
                Apgd below = Apgd.of(norm, 0.99 * exact, 20);
                assertThat(below.run(p.model, xi, yi, new Generator(i)).success()[0]).as("%s below", norm).isFalse();
            }
        }
    }

    @Test
    void apgdLeavesSamplesTheModelAlreadyGetsWrongAtTheirInput() {
        // AutoAttack's perturb attacks only the samples the model classifies correctly.
        Problem p = new Problem(b, 5, 6);
        long[] labels = new long[6];
        double eps = 0;
        for (int i = 0; i < 6; i++) {
            labels[i] = i < 3 ? 1 - p.y[i] : p.y[i];
            if (i >= 3) {
                eps = Math.max(eps, 1.01 * p.model.minimalDistance(p.x[i], p.y[i], 1));
            }
        }
        AttackResult r = Apgd.of(Norm.LINF, eps, 20).run(p.model, p.inputs(b), Tensor.ofLongs(b, labels, 6),
                new Generator(1));
        for (int i = 0; i < 6; i++) {
            assertThat(r.success()[i]).as("sample %s", i).isTrue();
            if (i < 3) {
                assertThat(r.distances()[i]).as("sample %s, already wrong", i).isZero();
            } else {
                assertThat(r.distances()[i]).as("sample %s, attacked", i).isPositive();
            }
        }
    }

    @Test
    void carliniWagnerFindsTheMinimalL2PerturbationWithinOnePercent() {
        Problem p = new Problem(b, 4, 8);
        // 100 Adam steps per constant suffice on a linear model (the default is 1000).
        AttackResult r = CarliniWagnerL2.create().withSteps(100).run(p.model, p.inputs(b), p.allLabels(b));
        for (int i = 0; i < p.x.length; i++) {
            double exact = p.model.minimalDistance(p.x[i], p.y[i], 2);
            assertThat(r.success()[i]).as("sample %s", i).isTrue();
            assertThat(r.distances()[i]).as("sample %s: l_2 distance %s", i, exact)
                    .isGreaterThanOrEqualTo(exact * (1 - 1e-4))
                    .isLessThanOrEqualTo(exact * 1.01);
        }
    }
}
