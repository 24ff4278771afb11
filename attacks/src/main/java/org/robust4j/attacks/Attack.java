package org.robust4j.attacks;

import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Tensor;

/**
 * An adversarial attack: an immutable value built from its parameters
 * ({@code Pgd.linf(8/255., 2/255., 10)}, {@code CarliniWagnerL2.create()}), applied to a model,
 * a batch and its labels.
 *
 * <p>Conventions shared by every attack in this module:
 * <ul>
 *   <li>{@code x} is a batch {@code [N, ...]} inside the attack's input box ({@code [0, 1]} by
 *       default); {@code labels} are integer classes {@code [N]}: the true classes for an
 *       untargeted attack, the targets for a {@linkplain Goal#TARGETED targeted} one.
 *   <li>The model is used as it is: attacks never switch it to evaluation mode (torchattacks
 *       does, foolbox and ART do not). Call {@code model.eval()} first when that is what you want;
 *       noise-injection layers stay active either way, so randomized models need EOT.
 *   <li>Gradients are taken with respect to the input only ({@code Autograd.grad}); parameter
 *       gradients are left untouched, whatever the caller's grad mode.
 *   <li>Memory: the attack's temporaries are released when it returns; the result's tensor
 *       belongs to the caller's scope. Every iteration runs in its own scope.
 *   <li>Randomness (random starts) comes only from the generator given; attacks without
 *       randomness accept null.
 * </ul>
 */
public interface Attack {
    /** A short name for reports and the command line: {@code fgsm}, {@code pgd-linf}, {@code cw-l2}, ... */
    String name();

    /** The norm of the threat model (and of the result's distances). */
    Norm norm();

    /** The budget, or {@code +inf} for a minimal-norm attack (Carlini-Wagner). */
    double eps();

    /** Attacks {@code model} at the batch {@code x} with {@code labels}. */
    AttackResult run(Module model, Tensor x, Tensor labels, Generator generator);

    /** For attacks without randomness (no random start). */
    default AttackResult run(Module model, Tensor x, Tensor labels) {
        return run(model, x, labels, null);
    }
}
