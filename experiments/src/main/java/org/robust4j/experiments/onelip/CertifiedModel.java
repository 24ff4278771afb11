package org.robust4j.experiments.onelip;

import java.util.Map;

/**
 * One trained 1-Lipschitz network and its Lipschitz-margin certificates on the test images.
 *
 * @param loss                 the training loss spec ({@code TrainingRun.loss})
 * @param testSetAccuracy      accuracy on the whole test set after training
 * @param cleanAccuracy        accuracy on the certified test images
 * @param certifiedAccuracy    certified accuracy per l2 radius (the papers' 36/255, 72/255, 108/255, 1)
 * @param meanCertifiedRadius  mean certified radius (0 for a wrong prediction)
 * @param lipschitzBound       the network's certified Lipschitz bound used by the certificate
 * @param attackedInsideRadius images PGD-l2 attacked at the smallest radius among those certified there
 * @param brokenInsideRadius   how many of those the attack broke: a sound certificate makes this 0
 */
public record CertifiedModel(String label, String arch, Map<String, String> options, String loss, long parameters,
                             int depth, double testSetAccuracy, double cleanAccuracy, Map<Double, Double> certifiedAccuracy,
                             double meanCertifiedRadius, double lipschitzBound, int attackedInsideRadius, int brokenInsideRadius,
                             double trainSeconds) {}
