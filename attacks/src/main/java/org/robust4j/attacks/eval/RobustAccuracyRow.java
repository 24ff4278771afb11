package org.robust4j.attacks.eval;

/**
 * One line of a robust-accuracy table.
 *
 * @param attack         the attack's name ({@code pgd-linf}, {@code cw-l2}, ...)
 * @param norm           {@code linf} or {@code l2}
 * @param eps            the budget at which a sample counts as broken
 * @param samples        number of samples evaluated
 * @param cleanAccuracy  fraction classified correctly without attack
 * @param robustAccuracy fraction classified correctly and not broken within eps
 * @param seconds        wall time of the clean pass and the attack
 */
public record RobustAccuracyRow(String attack, String norm, double eps, int samples, double cleanAccuracy,
                                double robustAccuracy, double seconds) {
}
