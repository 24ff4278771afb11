package org.robust4j.attacks.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.robust4j.attacks.cw.CarliniWagnerL2;
import org.robust4j.attacks.gradient.Pgd;
import org.robust4j.attacks.support.AffineModel;
import org.robust4j.attacks.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

/**
 * Robust accuracy on a linear classifier, where it is known: a sample is robust at eps exactly
 * when it is classified correctly and its distance to the decision boundary exceeds eps.
 */
class RobustEvaluationTest {
    private static final int N = 40;
    private static final int D = 8;
    private final Backend b = TestBackend.get();

    @Test
    void robustAccuracyMatchesTheClosedFormAndMisclassifiedSamplesAreNotAttacked() {
        Random r = new Random(5);
        double[][] w = new double[3][D];
        double[] bias = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < D; j++) {
                w[c][j] = r.nextGaussian();
            }
        }
        AffineModel model = new AffineModel(b, w, bias);
        double[] flat = new double[N * D];
        long[] labels = new long[N];
        double[][] x = new double[N][D];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                x[i][j] = 0.3 + 0.4 * r.nextDouble();
                flat[i * D + j] = x[i][j];
            }
            // A label that is sometimes wrong: misclassified samples count as broken.
            labels[i] = r.nextInt(3);
        }
        // Budgets 7% or more away from every sample's distance (checked below).
        double epsInf = 0.125;
        double eps2 = 0.27;
        int robustInf = 0;
        int robust2 = 0;
        int correct = 0;
        for (int i = 0; i < N; i++) {
            // Distance to the nearest boundary, as the box [0, 1] never binds at these budgets.
            double dInf = model.minimalDistance(x[i], (int) labels[i], 1);
            double d2 = model.minimalDistance(x[i], (int) labels[i], 2);
            if (dInf > 0) {
                assertThat(Math.abs(dInf / epsInf - 1)).as("sample %s too close to the l_inf budget", i).isGreaterThan(0.07);
                assertThat(Math.abs(d2 / eps2 - 1)).as("sample %s too close to the l_2 budget", i).isGreaterThan(0.07);
            }
            correct += dInf > 0 ? 1 : 0;
            robustInf += dInf > epsInf ? 1 : 0;
            robust2 += d2 > eps2 ? 1 : 0;
        }
        Tensor xt = Tensor.of(b, flat, N, D).cast(DType.FLOAT32);
        Tensor yt = Tensor.ofLongs(b, labels, N);
        RobustEvaluation eval = RobustEvaluation.of(List.of(
                RobustEvaluation.at(Pgd.linf(epsInf, epsInf / 4, 20), epsInf),
                RobustEvaluation.at(CarliniWagnerL2.create().withSteps(40).withBinarySearchSteps(6).withInitialConst(0.1), eps2))).withBatchSize(32);
        RobustAccuracyTable table = eval.evaluate(model, xt, yt, new Generator(1));
        assertThat(table.rows()).hasSize(2);
        RobustAccuracyRow pgd = table.rows().get(0);
        RobustAccuracyRow cw = table.rows().get(1);
        assertThat(pgd.attack()).isEqualTo("pgd-linf");
        assertThat(pgd.samples()).isEqualTo(N);
        assertThat(pgd.cleanAccuracy()).isEqualTo(correct / (double) N);
        assertThat(pgd.robustAccuracy()).isEqualTo(robustInf / (double) N);
        assertThat(cw.attack()).isEqualTo("cw-l2");
        assertThat(cw.eps()).isEqualTo(eps2);
        assertThat(cw.robustAccuracy()).isEqualTo(robust2 / (double) N);
        assertThat(robustInf).as("the test needs robust and broken samples").isBetween(1, correct - 1);
        assertThat(table.toMarkdown()).contains("| pgd-linf | linf | 0.1250 | 40 |");
        assertThat(table.toCsv()).startsWith("attack,norm,eps,samples,clean_accuracy,robust_accuracy,seconds\n");

        AttackOutcomes o = eval.outcomes(model, xt, yt, RobustEvaluation.at(Pgd.linf(epsInf, epsInf / 4, 20), epsInf),
                new Generator(1));
        for (int i = 0; i < N; i++) {
            if (o.clean()[i] != labels[i]) {
                assertThat(o.broken()[i]).isTrue();
                assertThat(o.distance()[i]).as("misclassified samples are not attacked").isZero();
            }
        }
    }

    @Test
    void rejectsTargetedAttacks() {
        assertThatThrownBy(() -> RobustEvaluation.of(Pgd.linf(0.1, 0.01, 5).targeted()))
                .hasMessageContaining("untargeted");
    }
}
