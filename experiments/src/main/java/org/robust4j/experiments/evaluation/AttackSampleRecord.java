package org.robust4j.experiments.evaluation;

/**
 * One test sample under one attack, as {@code robust4j attack} writes it (samples.csv / samples.json).
 *
 * @param index                  the sample's index in the test set
 * @param label                  its true class
 * @param cleanPrediction        the model's class on the clean input
 * @param adversarialPrediction  the model's class on the attack's output (the clean one where not attacked)
 * @param attacked               whether the sample was attacked (only correctly classified samples are)
 * @param success                whether the attack changed the prediction, at any distance
 * @param distance               the norm of the perturbation found in the attack's norm (0 where not attacked);
 *                               for C&amp;W the minimal distance found, even beyond eps
 * @param robust                 classified correctly and not broken within eps
 */
public record AttackSampleRecord(int index, int label, long cleanPrediction, long adversarialPrediction, boolean attacked,
                                 boolean success, double distance, boolean robust) {
}
