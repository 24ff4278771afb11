package org.robust4j.attacks.eot;

import org.robust4j.core.tensor.Tensor;

/**
 * An attack's objective and its gradient at one iterate, averaged over the EOT draws (a single
 * draw for a deterministic model). All three are detached from the graph.
 *
 * @param objective per-sample objective {@code [N]}
 * @param logits    per-sample logits {@code [N, C]}
 * @param gradient  gradient of the summed objective with respect to the variable (so per-sample
 *                  gradients, independent of the batch size)
 */
public record GradientEstimate(Tensor objective, Tensor logits, Tensor gradient) {
}
