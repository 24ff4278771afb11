package org.robust4j.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.attacks.cw.CarliniWagnerL2;
import org.robust4j.attacks.gradient.Apgd;
import org.robust4j.attacks.gradient.Pgd;
import org.robust4j.attacks.support.Models;
import org.robust4j.attacks.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Attacks release what they allocate: the number of live arrays does not grow from one
 * iteration to the next, and after an attack only its result is left. Parameter gradients are
 * never touched.
 */
class MemoryTest {
    private final Backend b = TestBackend.get();

    private long live() {
        return b.memory().liveArrays();
    }

    /**
     * Live arrays once the garbage collector has released what earlier tests left to it (their
     * releases would otherwise change the count in the middle of a measurement).
     */
    private long settledLive() throws InterruptedException {
        long previous = -1;
        int stable = 0;
        for (int k = 0; k < 100 && stable < 5; k++) {
            System.gc();
            Thread.sleep(30);
            long now = live();
            stable = now == previous ? stable + 1 : 0;
            previous = now;
        }
        return previous;
    }

    @Test
    void iterationsDoNotAccumulateAndOnlyTheResultSurvives() throws InterruptedException {
        Generator g = new Generator(5);
        List<BaseAttack<?>> attacks = List.of(
                Pgd.linf(0.1, 0.02, 24),
                Pgd.l2(0.5, 0.1, 24).withRestarts(3).withEarlyStop(true),
                Apgd.of(Norm.LINF, 0.1, 24).withRestarts(2),
                Apgd.of(Norm.L2, 0.5, 24).withEot(3),
                CarliniWagnerL2.create().withSteps(24).withBinarySearchSteps(1).withAbortEarly(false));
        Module model;
        try (Scope outer = Scope.open()) {
            // Built inside the scope, so the initialisers' temporaries are not left to the
            // garbage collector, whose releases would change the count at random moments.
            model = Models.mlp(b, 1, 12, 16, 4);
            Tensor x = Tensor.rand(b, g, DType.FLOAT32, 16, 12);
            Tensor y = Tensor.ofLongs(b, new long[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 16);
            for (BaseAttack<?> attack : attacks) {
                List<Long> perStep = new ArrayList<>();
                BaseAttack<?> a = attack.withListener((restart, step, e) -> {
                    if (restart == 0) {
                        perStep.add(live());
                    }
                });
                long before = settledLive();
                try (Scope s = Scope.open()) {
                    AttackResult r = a.run(model, x, y, g);
                    assertThat(r.adversarial().shape()).isEqualTo(x.shape());
                    assertThat(s.size()).as("%s hands the caller's scope only its result", a).isEqualTo(1);
                }
                assertThat(settledLive()).as("%s leaves arrays behind", a).isEqualTo(before);
                // The state an iteration carries varies a little (APGD's best points may coincide
                // with the iterate or not), but does not grow: the last third of the iterations
                // holds no more arrays than the first third.
                int third = perStep.size() / 3;
                long early = perStep.subList(0, third).stream().mapToLong(Long::longValue).max().orElseThrow();
                long late = perStep.subList(perStep.size() - third, perStep.size()).stream().mapToLong(Long::longValue)
                        .max().orElseThrow();
                assertThat(late).as("%s: live arrays per iteration %s", a, perStep).isLessThanOrEqualTo(early);
            }
        }
        for (Parameter p : model.parameters()) {
            assertThat(p.grad()).as("parameter gradients must stay untouched").isNull();
        }
    }
}
