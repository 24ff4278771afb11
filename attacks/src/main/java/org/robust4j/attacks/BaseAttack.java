package org.robust4j.attacks;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.attacks.eot.Eot;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * The part every attack shares: the {@link AttackSettings} with their fluent copies
 * ({@code targeted()}, {@code withBox}, {@code withLoss}, {@code withEot}), the checks on the
 * inputs, the scope around the whole attack, and the final forward pass that computes the
 * success mask on the returned batch. Subclasses implement {@link #perturb}.
 *
 * @param <A> the concrete attack, so that the fluent copies keep their type
 */
public abstract class BaseAttack<A extends BaseAttack<A>> implements Attack {
    private final AttackSettings settings;

    protected BaseAttack(AttackSettings settings) {
        this.settings = checkNotNull(settings, "settings");
    }

    /** A copy of this attack with other settings. */
    protected abstract A withSettings(AttackSettings s);

    /**
     * Computes the adversarial batch for inputs {@code x} (inside the box) and labels; the
     * returned tensor may be created in the current scope, which {@link #run} closes after
     * keeping it.
     */
    protected abstract Tensor perturb(Module model, Tensor x, Tensor labels, long[] labelValues, Generator g);

    public AttackSettings settings() {
        return settings;
    }

    public Goal goal() {
        return settings.goal();
    }

    public InputBox box() {
        return settings.box();
    }

    public AttackLoss loss() {
        return settings.loss();
    }

    public Eot eot() {
        return settings.eot();
    }

    /** The labels given to {@link #run} become targets: success is predicting them. */
    public A targeted() {
        return withSettings(settings.withGoal(Goal.TARGETED));
    }

    public A untargeted() {
        return withSettings(settings.withGoal(Goal.UNTARGETED));
    }

    public A withBox(InputBox box) {
        return withSettings(settings.withBox(box));
    }

    public A withBox(double lower, double upper) {
        return withBox(new InputBox(lower, upper));
    }

    public A withLoss(AttackLoss loss) {
        return withSettings(settings.withLoss(loss));
    }

    /** Averages every gradient over {@code samples} draws of a randomized model (EOT). */
    public A withEot(int samples) {
        return withSettings(settings.withEot(Eot.of(samples)));
    }

    /** Calls {@code listener} at every iteration (iterative attacks). */
    public A withListener(StepListener listener) {
        return withSettings(settings.withListener(listener));
    }

    @Override
    public final AttackResult run(Module model, Tensor x, Tensor labels, Generator generator) {
        checkNotNull(model, "model");
        checkArgument(x.rank() >= 2 && x.dtype().isFloating(),
                "%s: inputs must be a floating batch [N, ...], got %s %s", name(), x.shape(), x.dtype());
        checkArgument(labels.rank() == 1 && labels.dim(0) == x.dim(0) && !labels.dtype().isFloating(),
                "%s: labels must be integers [%s], got %s %s", name(), x.dim(0), labels.shape(), labels.dtype());
        long[] labelValues = labels.toLongArray();
        for (long l : labelValues) {
            checkArgument(l >= 0, "%s: labels must be class indices >= 0, got %s", name(), l);
        }
        try (Scope s = Scope.open()) {
            box().check(name(), x);
            Tensor adversarial = perturb(model, x.detach(), labels, labelValues, generator);
            AttackResult r = evaluate(model, x, adversarial, labelValues, goal(), norm());
            s.keep(r.adversarial());
            return r;
        }
    }

    /**
     * The result for {@code adversarial}: one forward pass gives the predictions and so the
     * success mask, and the distances are measured in {@code norm}.
     */
    public static AttackResult evaluate(Module model, Tensor x, Tensor adversarial, long[] labelValues, Goal goal,
                                        Norm norm) {
        try (Scope s = Scope.open(); GradMode.Restore off = Autograd.noGrad()) {
            Tensor logits = model.forward(adversarial);
            checkArgument(logits.rank() == 2 && logits.dim(0) == x.dim(0),
                    "attack: the model should return logits [%s, C], got %s", x.dim(0), logits.shape());
            for (long l : labelValues) {
                checkArgument(l < logits.dim(1), "attack: label %s out of range for %s classes", l, logits.dim(1));
            }
            long[] predictions = Logits.predictions(logits);
            double[] distances = norm.values(adversarial.sub(x));
            return new AttackResult(adversarial, goal.success(predictions, labelValues), predictions, distances, norm);
        }
    }

    /** Parameters for {@code toString}, after the name. */
    protected abstract String describeParameters();

    @Override
    public String toString() {
        return name() + "(" + describeParameters() + settings.describe() + ")";
    }
}
