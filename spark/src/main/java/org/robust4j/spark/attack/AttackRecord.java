package org.robust4j.spark.attack;

/**
 * The outcome of one attack on one item (a row of {@code records/}).
 *
 * @param index the item's index in its dataset (its random start derives from it)
 * @param label the true class
 * @param clean the prediction on the clean input
 * @param adversarial the prediction on the adversarial input (the clean one where the item was misclassified and not attacked)
 * @param success whether the attack met its goal, at any distance
 * @param distance the norm of the perturbation found (0 where not attacked)
 * @param broken misclassified clean, or attacked successfully within eps: not robust
 */
public record AttackRecord(long index, int label, int clean, int adversarial, boolean success, double distance,
                           boolean broken) {
}
