package org.robust4j.attacks.eot;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.function.Function;
import org.robust4j.attacks.AttackLoss;
import org.robust4j.attacks.Goal;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Expectation over transformation (Athalye, Carlini, Wagner 2018): against a randomized model,
 * the attack's gradient is the average of {@code samples} gradients, each through a fresh noise
 * draw, an unbiased estimate of the gradient of the expected loss. With one sample it is the
 * plain gradient.
 *
 * <p>The draws are the model's own: the attack calls the randomized model itself (whose
 * noise-injection layers draw afresh at every forward pass), never a noise-free copy of it, which
 * is the mistake the research note finds in the RAT evaluation code (section 4.2). The loss is
 * averaged (torchattacks' EOTPGD, AutoAttack's {@code eot_iter}, Araujo's PGD); the draws run
 * one after another, each in its own scope, so memory does not grow with {@code samples}.
 */
public record Eot(int samples) {
    /** No averaging: one forward and backward pass per gradient. */
    public static final Eot NONE = new Eot(1);

    public Eot {
        checkArgument(samples >= 1, "EOT: the number of samples must be at least 1, got %s", samples);
    }

    public static Eot of(int samples) {
        return new Eot(samples);
    }

    /**
     * Averages, over the draws, the objective of {@code model} at {@code x}: {@code goal}'s
     * objective of {@code loss}, and its gradient with respect to {@code x}.
     */
    public GradientEstimate estimate(Module model, Tensor x, Tensor labels, AttackLoss loss, Goal goal) {
        return estimate(x, v -> {
            Tensor logits = model.forward(v);
            return new Draw(goal.objective(loss, logits, labels), logits);
        });
    }

    /**
     * Averages, over the draws, the objective that {@code forward} computes from
     * {@code variable}, and its gradient with respect to {@code variable} (for attacks that
     * optimise another variable than the input, such as the tanh variable of Carlini-Wagner).
     */
    public GradientEstimate estimate(Tensor variable, Function<Tensor, Draw> forward) {
        Tensor objective = null;
        Tensor logits = null;
        Tensor gradient = null;
        try (GradMode.Restore on = Autograd.enableGrad()) {
            for (int k = 0; k < samples; k++) {
                try (Scope s = Scope.open()) {
                    Tensor v = variable.detach().requiresGrad(true);
                    Draw d = forward.apply(v);
                    Tensor g = Autograd.grad(d.objective().sum(), v)[0];
                    Tensor j = d.objective().detach();
                    Tensor z = d.logits().detach();
                    if (k > 0) {
                        try (GradMode.Restore off = Autograd.noGrad()) {
                            g = g.add(gradient);
                            j = j.add(objective);
                            z = z.add(logits);
                        }
                        gradient.close();
                        objective.close();
                        logits.close();
                    }
                    gradient = s.keep(g);
                    objective = s.keep(j);
                    logits = s.keep(z);
                }
            }
        }
        if (samples == 1) {
            return new GradientEstimate(objective, logits, gradient);
        }
        try (GradMode.Restore off = Autograd.noGrad()) {
            GradientEstimate mean = new GradientEstimate(objective.div(samples), logits.div(samples),
                    gradient.div(samples));
            objective.close();
            logits.close();
            gradient.close();
            return mean;
        }
    }
}
