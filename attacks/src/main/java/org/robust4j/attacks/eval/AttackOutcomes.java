package org.robust4j.attacks.eval;

/**
 * Per-sample outcome of one attack over a data set (what a command writes per sample).
 *
 * @param attack      the attack's name
 * @param eps         the budget at which {@code broken} is counted
 * @param label       true class
 * @param clean       prediction on the clean input
 * @param adversarial prediction on the adversarial input (the clean prediction where the
 *                    sample was misclassified already and so not attacked)
 * @param success     whether the attack met its goal (at any distance)
 * @param distance    norm of the perturbation found (0 where not attacked)
 * @param broken      misclassified clean, or successfully attacked within eps
 * @param seconds     wall time of the clean pass and the attack
 */
public record AttackOutcomes(String attack, double eps, long[] label, long[] clean, long[] adversarial,
                             boolean[] success, double[] distance, boolean[] broken, double seconds) {

    public int size() {
        return label.length;
    }

    public double cleanAccuracy() {
        int k = 0;
        for (int i = 0; i < label.length; i++) {
            k += clean[i] == label[i] ? 1 : 0;
        }
        return label.length == 0 ? 0 : k / (double) label.length;
    }

    public double robustAccuracy() {
        int k = 0;
        for (boolean b : broken) {
            k += b ? 0 : 1;
        }
        return broken.length == 0 ? 0 : k / (double) broken.length;
    }
}
