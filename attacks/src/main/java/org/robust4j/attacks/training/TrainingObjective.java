package org.robust4j.attacks.training;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/**
 * The per-batch hook a trainer calls: the scalar loss whose gradient updates the parameters.
 * Natural training is {@code loss(model(x), y)}; the objectives here first perturb the batch.
 * The returned loss carries the graph to the parameters; the trainer calls {@code backward()}
 * and steps its optimizer, inside its own scope.
 */
@FunctionalInterface
public interface TrainingObjective {
    Tensor trainingLoss(Module model, Tensor x, Tensor y);
}
