package org.robust4j.attacks.training;

import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.attacks.Attack;
import org.robust4j.attacks.Norm;
import org.robust4j.attacks.gradient.Pgd;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.loss.Loss;

/**
 * Adversarial training (Madry et al. 2018): the loss at the worst point an attack finds,
 * {@code min_theta E max_{||delta|| <= eps} L(f(x + delta), y)}, the inner maximisation by PGD
 * (l_inf or l_2). Research note section 4.2: PGD-10, step {@code 2 eps / 10}, random start.
 *
 * <p>Mode: by default the attack runs with the model in evaluation mode, and the mode is
 * restored before the loss is computed (so batch-norm statistics are not updated by the ten
 * attack forward passes, and dropout does not make the attack's gradient noisy); noise-injection
 * layers are active in both modes. Every submodule's own mode is restored. {@link
 * #attackInTrainingMode()} keeps the training mode during the attack instead.
 */
public final class AdversarialTraining implements TrainingObjective {
    private final Attack attack;
    private final Loss loss;
    private final Generator generator;
    private final boolean attackInEvalMode;

    private AdversarialTraining(Attack attack, Loss loss, Generator generator, boolean attackInEvalMode) {
        this.attack = checkNotNull(attack, "attack");
        this.loss = checkNotNull(loss, "loss");
        this.generator = generator;
        this.attackInEvalMode = attackInEvalMode;
    }

    /** Training at the points {@code attack} finds, with cross-entropy; the generator feeds the attack's random starts. */
    public static AdversarialTraining with(Attack attack, Generator generator) {
        return new AdversarialTraining(attack, new CrossEntropyLoss(), generator, true);
    }

    /** Madry's recipe: PGD in {@code norm}'s ball, {@code steps} steps of size {@code 2 eps / steps}, random start. */
    public static AdversarialTraining madry(Norm norm, double eps, int steps, Generator generator) {
        return with(Pgd.of(norm, eps, 2 * eps / steps, steps), generator);
    }

    public AdversarialTraining withLoss(Loss l) {
        return new AdversarialTraining(attack, l, generator, attackInEvalMode);
    }

    /** Runs the attack with the model left in training mode. */
    public AdversarialTraining attackInTrainingMode() {
        return new AdversarialTraining(attack, loss, generator, false);
    }

    /** The adversarial batch for {@code (x, y)}; the model's mode is unchanged afterwards. */
    public Tensor adversarialBatch(Module model, Tensor x, Tensor y) {
        return attackAt(attack, model, x, y, generator, attackInEvalMode);
    }

    @Override
    public Tensor trainingLoss(Module model, Tensor x, Tensor y) {
        return loss.compute(model.forward(adversarialBatch(model, x, y)), y);
    }

    public Attack attack() {
        return attack;
    }

    /** Runs {@code attack} (optionally in evaluation mode, restoring the mode) and returns the adversarial batch. */
    static Tensor attackAt(Attack attack, Module model, Tensor x, Tensor y, Generator g, boolean evalMode) {
        try (ModeGuard m = ModeGuard.evalIf(model, evalMode)) {
            return attack.run(model, x, y, g).adversarial();
        }
    }
}
