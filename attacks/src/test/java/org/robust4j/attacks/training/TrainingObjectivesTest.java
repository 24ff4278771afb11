package org.robust4j.attacks.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.robust4j.attacks.Attack;
import org.robust4j.attacks.AttackLoss;
import org.robust4j.attacks.AttackResult;
import org.robust4j.attacks.BaseAttack;
import org.robust4j.attacks.Goal;
import org.robust4j.attacks.Norm;
import org.robust4j.attacks.gradient.Fgsm;
import org.robust4j.attacks.support.Models;
import org.robust4j.attacks.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.noise.Gaussian;
import org.robust4j.layers.standard.Dropout;

/** The mechanics of the training objectives: modes, gradients, the MAT rules, RAT's frozen noise. */
class TrainingObjectivesTest {
    private final Backend b = TestBackend.get();
    private final Generator g = new Generator(1);
    private final Tensor x = Tensor.rand(b, new Generator(2), DType.FLOAT32, 6, 12);
    private final Tensor y = Tensor.ofLongs(b, new long[] {0, 1, 2, 0, 1, 2}, 6);

    @Test
    void adversarialTrainingAttacksInEvaluationModeAndRestoresEveryMode() {
        Module net = Models.mlp(b, 3, 12, 8, 3);
        Dropout frozen = new Dropout(LayerContext.of(b, 4), 0.5);
        Module model = new Sequential(frozen, net);
        model.train();
        frozen.eval();
        boolean[] seenTraining = new boolean[1];
        Attack spy = new Attack() {
            public String name() {
                return "spy";
            }

            public Norm norm() {
                return Norm.LINF;
            }

            public double eps() {
                return 0;
            }

            public AttackResult run(Module m, Tensor in, Tensor labels, Generator gen) {
                seenTraining[0] = m.isTraining() || net.isTraining();
                return BaseAttack.evaluate(m, in, in.add(0.0), labels.toLongArray(), Goal.UNTARGETED, Norm.LINF);
            }
        };
        Tensor loss = AdversarialTraining.with(spy, g).trainingLoss(model, x, y);
        assertThat(seenTraining[0]).isFalse();
        assertThat(model.isTraining()).isTrue();
        assertThat(net.isTraining()).isTrue();
        assertThat(frozen.isTraining()).as("a submodule the caller froze stays frozen").isFalse();
        for (Parameter p : model.parameters()) {
            assertThat(p.grad()).as("the attack leaves parameter gradients alone").isNull();
        }
        loss.backward();
        for (Parameter p : model.parameters()) {
            assertThat(p.grad()).as("the loss reaches every parameter").isNotNull();
        }
    }

    @Test
    void matMaxKeepsThePointOfHigherLossPerSample() {
        Module model = Models.mlp(b, 5, 12, 8, 3);
        model.eval();
        Fgsm weak = Fgsm.linf(0.01);
        Fgsm strong = Fgsm.linf(0.2);
        Tensor mixed = MixedNormTraining.of(MixedNormTraining.Rule.MAX, g, weak, strong).adversarialBatch(model, x, y);
        float[] a = weak.run(model, x, y).adversarial().toFloatArray();
        float[] c = strong.run(model, x, y).adversarial().toFloatArray();
        double[] la = AttackLoss.CROSS_ENTROPY.perSample(model.forward(Tensor.of(b, a, 6, 12)), y).toDoubleArray();
        double[] lc = AttackLoss.CROSS_ENTROPY.perSample(model.forward(Tensor.of(b, c, 6, 12)), y).toDoubleArray();
        float[] m = mixed.toFloatArray();
        for (int i = 0; i < 6; i++) {
            float[] expect = lc[i] > la[i] ? c : a;
            for (int j = 0; j < 12; j++) {
                assertThat(m[i * 12 + j]).as("sample %s", i).isEqualTo(expect[i * 12 + j]);
            }
        }
    }

    @Test
    void matRandUsesEveryAttack() {
        Module model = Models.mlp(b, 6, 12, 8, 3);
        Fgsm first = Fgsm.linf(0.05);
        Fgsm second = Fgsm.l2(0.5);
        MixedNormTraining rand = MixedNormTraining.of(MixedNormTraining.Rule.RANDOM, g, first, second);
        float firstValue = first.run(model, x, y).adversarial().toFloatArray()[0];
        float secondValue = second.run(model, x, y).adversarial().toFloatArray()[0];
        Set<Float> seen = new HashSet<>();
        for (int k = 0; k < 20; k++) {
            seen.add(rand.adversarialBatch(model, x, y).toFloatArray()[0]);
        }
        assertThat(seen).containsExactlyInAnyOrder(firstValue, secondValue);
    }

    @Test
    void ratFreezesOneNoiseDrawDuringTheAttackAndTrainsAtTheNoisyPoint() {
        Module base = Models.mlp(b, 7, 12, 8, 3);
        boolean[] deterministic = new boolean[1];
        Attack probe = new Attack() {
            public String name() {
                return "probe";
            }

            public Norm norm() {
                return Norm.LINF;
            }

            public double eps() {
                return 0;
            }

            public AttackResult run(Module m, Tensor in, Tensor labels, Generator gen) {
                float[] once = m.forward(in).toFloatArray();
                float[] twice = m.forward(in).toFloatArray();
                float[] plain = base.forward(in).toFloatArray();
                deterministic[0] = java.util.Arrays.equals(once, twice) && !java.util.Arrays.equals(once, plain);
                return BaseAttack.evaluate(m, in, in.add(0.0), labels.toLongArray(), Goal.UNTARGETED, Norm.LINF);
            }
        };
        RandomizedAdversarialTraining rat = RandomizedAdversarialTraining.of(new Gaussian(0.3), probe, g);
        Tensor loss = rat.trainingLoss(base, x, y);
        assertThat(deterministic[0]).as("the attack sees f(. + X) with one fixed draw X").isTrue();
        assertThat(loss.rank()).isZero();
        Module deployed = rat.randomizedModel(LayerContext.of(b, 9), base);
        assertThat(deployed.forward(x).toFloatArray()).as("the deployed model draws fresh noise")
                .isNotEqualTo(deployed.forward(x).toFloatArray());
    }
}
