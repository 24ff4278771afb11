package org.robust4j.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.attacks.cw.CarliniWagnerL2;
import org.robust4j.attacks.gradient.Apgd;
import org.robust4j.attacks.gradient.Fgsm;
import org.robust4j.attacks.gradient.Pgd;
import org.robust4j.attacks.support.Models;
import org.robust4j.attacks.support.TestBackend;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Properties that hold for every attack, checked over many random models, batches, boxes,
 * budgets and goals: the returned point lies in the input box and in the eps-ball around the
 * input (tolerance 1e-6 for float32 rounding), the success mask agrees with the model's
 * prediction on the returned batch, and the reported distances are the perturbations' norms.
 */
class AttackInvariantsTest {
    private static final double TOL = 1e-6;
    private final Backend b = TestBackend.get();

    private List<BaseAttack<?>> attacks(java.util.Random r) {
        double epsInf = 0.02 + 0.3 * r.nextDouble();
        double eps2 = 0.1 + 2 * r.nextDouble();
        List<BaseAttack<?>> list = new ArrayList<>();
        list.add(Fgsm.linf(epsInf));
        list.add(Fgsm.l2(eps2));
        list.add(Pgd.linf(epsInf, epsInf / 4, 5));
        list.add(Pgd.l2(eps2, eps2 / 4, 5).withRestarts(2));
        list.add(Pgd.linf(epsInf, epsInf / 3, 6).withEarlyStop(true).withRestarts(2));
        list.add(Pgd.l2(eps2, eps2 / 2, 4).withRandomStart(false).withEarlyStop(true));
        list.add(Apgd.of(Norm.LINF, epsInf, 8).withRestarts(2));
        list.add(Apgd.of(Norm.L2, eps2, 8));
        list.add(Apgd.of(Norm.LINF, epsInf, 6).withLoss(AttackLoss.DLR));
        list.add(CarliniWagnerL2.create().withSteps(15).withBinarySearchSteps(3).withInitialConst(0.1));
        return list;
    }

    @Test
    void everyAttackStaysInTheBallAndTheBoxAndReportsTheModelsPredictions() {
        java.util.Random r = new java.util.Random(2024);
        int checks = 0;
        int successes = 0;
        for (int trial = 0; trial < 12; trial++) {
            try (Scope s = Scope.open()) {
                int n = 1 + r.nextInt(6);
                int classes = 3 + r.nextInt(3);
                boolean image = trial % 3 == 2;
                Module model = image ? Models.cnn(b, trial, 2, 4, 4, classes) : Models.mlp(b, trial, 12, 8, classes);
                if (trial % 4 == 1) {
                    model.eval();
                }
                InputBox box = trial % 2 == 0 ? InputBox.UNIT : new InputBox(-1, 2);
                int[] shape = image ? new int[] {n, 2, 4, 4} : new int[] {n, 12};
                Generator g = new Generator(trial);
                Tensor x = Tensor.uniform(b, g, DType.FLOAT32, box.lower(), box.upper(), shape);
                // Put some coordinates exactly on the faces of the box.
                x = x.clamp(box.lower() + 0.05 * (box.upper() - box.lower()), box.upper()).sub(
                        0.05 * (box.upper() - box.lower())).clamp(box.lower(), box.upper());
                long[] labels = new long[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = r.nextInt(classes);
                }
                Tensor y = Tensor.ofLongs(b, labels, n);
                for (BaseAttack<?> attack : attacks(r)) {
                    BaseAttack<?> a = attack.withBox(box);
                    if (r.nextInt(3) == 0) {
                        a = a.targeted();
                    }
                    AttackResult result = a.run(model, x, y, new Generator(r.nextLong()));
                    check(a, model, x, labels, result, box);
                    checks++;
                    successes += result.successCount();
                }
            }
        }
        assertThat(checks).isEqualTo(12 * 10);
        assertThat(successes).as("the attacks should break some samples, or the test checks nothing").isGreaterThan(50);
    }

    private void check(BaseAttack<?> a, Module model, Tensor x, long[] labels, AttackResult result, InputBox box) {
        Tensor adv = result.adversarial();
        assertThat(adv.shape()).as(a.toString()).isEqualTo(x.shape());
        float[] xv = x.toFloatArray();
        float[] av = adv.toFloatArray();
        int n = x.dim(0);
        int per = xv.length / n;
        for (int i = 0; i < n; i++) {
            double linf = 0;
            double l2 = 0;
            for (int j = i * per; j < (i + 1) * per; j++) {
                assertThat((double) av[j]).as("%s: box", a).isBetween(box.lower(), box.upper());
                double d = (double) av[j] - xv[j];
                linf = Math.max(linf, Math.abs(d));
                l2 += d * d;
            }
            l2 = Math.sqrt(l2);
            double dist = a.norm() == Norm.LINF ? linf : l2;
            if (Double.isFinite(a.eps())) {
                assertThat(dist).as("%s: sample %s outside its eps-ball", a, i).isLessThanOrEqualTo(a.eps() + TOL);
            }
            assertThat(result.distances()[i]).as("%s: reported distance", a).isCloseTo(dist,
                    org.assertj.core.api.Assertions.within(1e-5));
        }
        long[] predictions;
        try (Scope s = Scope.open(); GradMode.Restore off = Autograd.noGrad()) {
            predictions = model.forward(adv).argMax(1).toLongArray();
        }
        assertThat(result.predictions()).as("%s: predictions", a).containsExactly(predictions);
        for (int i = 0; i < n; i++) {
            boolean expected = a.goal() == Goal.UNTARGETED ? predictions[i] != labels[i] : predictions[i] == labels[i];
            assertThat(result.success()[i]).as("%s: success of sample %s", a, i).isEqualTo(expected);
        }
    }
}
