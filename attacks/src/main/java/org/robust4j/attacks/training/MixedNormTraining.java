package org.robust4j.attacks.training;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.util.List;
import org.robust4j.attacks.Attack;
import org.robust4j.attacks.AttackLoss;
import org.robust4j.attacks.Rows;
import org.robust4j.attacks.gradient.Pgd;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.loss.Loss;

/**
 * The mixed l_inf / l_2 defence of Araujo et al., "Advocating for multiple defense strategies
 * against adversarial examples" (MLCS 2020, arXiv 2012.02632; research note section 4.2):
 * adversarial training against several threat models at once.
 * <ul>
 *   <li>MAT-Rand: {@code min E[ E_{p ~ U{2, inf}} max_{||tau||_p <= eps_p} L ]}: each batch is
 *       attacked with one of the attacks, chosen uniformly at random.
 *   <li>MAT-Max: {@code min E[ max_p max_{||tau||_p <= eps_p} L ]}: every attack runs, and each
 *       sample keeps the adversarial point of highest cross-entropy.
 * </ul>
 * The paper pairs PGD-l_inf at eps 0.031 with PGD-l_2 at eps 0.83 (balls of about the same
 * volume on CIFAR-10), 10 steps of {@code 2 eps / 10}: {@link #linfAndL2}.
 */
public final class MixedNormTraining implements TrainingObjective {
    /** How the attacks are combined. */
    public enum Rule {
        /** MAT-Rand: one attack per batch, uniformly at random. */
        RANDOM,
        /** MAT-Max: per sample, the attack with the highest loss. */
        MAX
    }

    private final List<Attack> attacks;
    private final Rule rule;
    private final Loss loss;
    private final Generator generator;

    private MixedNormTraining(List<Attack> attacks, Rule rule, Loss loss, Generator generator) {
        checkArgument(!attacks.isEmpty(), "mixed-norm training: needs at least one attack");
        this.attacks = List.copyOf(attacks);
        this.rule = checkNotNull(rule, "rule");
        this.loss = checkNotNull(loss, "loss");
        this.generator = checkNotNull(generator, "generator");
    }

    public static MixedNormTraining of(Rule rule, Generator generator, Attack... attacks) {
        return new MixedNormTraining(List.of(attacks), rule, new CrossEntropyLoss(), generator);
    }

    /** PGD-l_inf at {@code epsInf} and PGD-l_2 at {@code eps2}, {@code steps} steps of {@code 2 eps / steps}. */
    public static MixedNormTraining linfAndL2(Rule rule, double epsInf, double eps2, int steps, Generator generator) {
        return of(rule, generator, Pgd.linf(epsInf, 2 * epsInf / steps, steps), Pgd.l2(eps2, 2 * eps2 / steps, steps));
    }

    public MixedNormTraining withLoss(Loss l) {
        return new MixedNormTraining(attacks, rule, l, generator);
    }

    /** The adversarial batch the rule produces. */
    public Tensor adversarialBatch(Module model, Tensor x, Tensor y) {
        if (rule == Rule.RANDOM || attacks.size() == 1) {
            Attack a = attacks.get(generator.nextInt(attacks.size()));
            return AdversarialTraining.attackAt(a, model, x, y, generator, true);
        }
        Tensor best = null;
        double[] bestLoss = null;
        for (Attack a : attacks) {
            Tensor adv = AdversarialTraining.attackAt(a, model, x, y, generator, true);
            double[] l;
            try (Scope s = Scope.open(); ModeGuard m = ModeGuard.evalIf(model, true);
                 GradMode.Restore off = Autograd.noGrad()) {
                l = AttackLoss.CROSS_ENTROPY.perSample(model.forward(adv), y).toDoubleArray();
            }
            if (best == null) {
                best = adv;
                bestLoss = l;
                continue;
            }
            boolean[] higher = new boolean[l.length];
            for (int i = 0; i < l.length; i++) {
                if (l[i] > bestLoss[i]) {
                    higher[i] = true;
                    bestLoss[i] = l[i];
                }
            }
            best = Rows.select(higher, adv, best);
        }
        return best;
    }

    @Override
    public Tensor trainingLoss(Module model, Tensor x, Tensor y) {
        return loss.compute(model.forward(adversarialBatch(model, x, y)), y);
    }

    public List<Attack> attacks() {
        return attacks;
    }

    public Rule rule() {
        return rule;
    }
}
