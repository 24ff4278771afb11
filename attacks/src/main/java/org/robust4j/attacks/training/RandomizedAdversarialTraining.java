package org.robust4j.attacks.training;

import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.attacks.Attack;
import org.robust4j.attacks.Norm;
import org.robust4j.attacks.gradient.Pgd;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.loss.Loss;
import org.robust4j.layers.noise.NoiseDistribution;
import org.robust4j.layers.noise.NoiseInjection;

/**
 * Randomized adversarial training, RAT (Araujo, Meunier, Pinot, Negrevergne, arXiv 1903.10219;
 * research note section 4.2): adversarial training of the randomized network
 * {@code f~(x) = f(x + X)} with noise {@code X} (Gaussian or uniform) injected at the input,
 * <pre>
 * min_theta E_(x,y) max_{||tau||_p <= eps} L( f_theta(x + tau + X), y )
 * </pre>
 * per batch: one noise draw {@code X} per sample, kept fixed while PGD searches {@code tau}
 * (as the authors' code draws it once, as a data transform), the perturbed point
 * {@code x + tau} kept in the input box, and the loss taken at {@code f(x + tau + X)}.
 *
 * <p>{@code trainingLoss} takes the base network {@code f}, without noise. The classifier to
 * deploy and to evaluate is the randomized one, {@link #randomizedModel}, which draws fresh noise
 * at every call, and attacks on it must use EOT (research note section 6.5, pitfall 7). A model
 * that already contains a {@link NoiseInjection} layer can instead be trained with
 * {@link AdversarialTraining}, in which case the attack sees fresh noise at every step.
 */
public final class RandomizedAdversarialTraining implements TrainingObjective {
    private final NoiseDistribution noise;
    private final Attack attack;
    private final Loss loss;
    private final Generator generator;
    private final boolean attackInEvalMode;

    private RandomizedAdversarialTraining(NoiseDistribution noise, Attack attack, Loss loss, Generator generator,
                                          boolean attackInEvalMode) {
        this.noise = checkNotNull(noise, "noise");
        this.attack = checkNotNull(attack, "attack");
        this.loss = checkNotNull(loss, "loss");
        this.generator = checkNotNull(generator, "generator");
        this.attackInEvalMode = attackInEvalMode;
    }

    /** RAT with the given noise and inner attack; the generator draws the noise and the attack's random starts. */
    public static RandomizedAdversarialTraining of(NoiseDistribution noise, Attack attack, Generator generator) {
        return new RandomizedAdversarialTraining(noise, attack, new CrossEntropyLoss(), generator, true);
    }

    /** RAT with PGD in {@code norm}'s ball, {@code steps} steps of {@code 2 eps / steps}, random start (the paper's setting). */
    public static RandomizedAdversarialTraining pgd(NoiseDistribution noise, Norm norm, double eps, int steps,
                                                    Generator generator) {
        return of(noise, Pgd.of(norm, eps, 2 * eps / steps, steps), generator);
    }

    public RandomizedAdversarialTraining withLoss(Loss l) {
        return new RandomizedAdversarialTraining(noise, attack, l, generator, attackInEvalMode);
    }

    public RandomizedAdversarialTraining attackInTrainingMode() {
        return new RandomizedAdversarialTraining(noise, attack, loss, generator, false);
    }

    @Override
    public Tensor trainingLoss(Module base, Tensor x, Tensor y) {
        Tensor draw = noise.sample(x.backend(), generator, x.dtype(), x.shape());
        Tensor adversarial = AdversarialTraining.attackAt(attack, new ShiftedInput(base, draw), x, y, generator,
                attackInEvalMode);
        return loss.compute(base.forward(adversarial.add(draw)), y);
    }

    /** The randomized classifier {@code x -> f(x + X)} with fresh noise at every call, for inference and evaluation. */
    public Module randomizedModel(LayerContext context, Module base) {
        return new Sequential(new NoiseInjection(context, noise), base);
    }

    public NoiseDistribution noise() {
        return noise;
    }

    public Attack attack() {
        return attack;
    }
}
