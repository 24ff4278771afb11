package org.robust4j.attacks;

import org.robust4j.attacks.eot.GradientEstimate;

/**
 * Sees every iteration of an iterative attack: for tracing the loss, progress reports and
 * cross-checks against other implementations. Called inside the iteration's scope, before the
 * step: the estimate's tensors are released afterwards, so copy what you keep.
 */
@FunctionalInterface
public interface StepListener {
    StepListener NONE = (restart, step, estimate) -> { };

    /**
     * @param restart  the restart (0 for the first run)
     * @param step     the iteration within the run, from 0
     * @param estimate the objective, logits and gradient at the current iterate (for the samples
     *                 still attacked)
     */
    void onStep(int restart, int step, GradientEstimate estimate);
}
