package org.robust4j.attacks.eot;

import org.robust4j.core.tensor.Tensor;

/**
 * One evaluation of an attack's objective: the per-sample objective {@code [N]} (what the attack
 * ascends) and the logits {@code [N, C]} it came from.
 */
public record Draw(Tensor objective, Tensor logits) {
}
