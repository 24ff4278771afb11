package org.robust4j.experiments.demo;

import java.util.List;
import java.util.Map;

/**
 * Everything the demo measured on one trained network.
 *
 * @param robustL2            PGD-l2 robust accuracy per budget (same order as the config's list)
 * @param robustLinf          PGD-linf robust accuracy per budget
 * @param lipschitzBound      certified upper bound of the network's l2 Lipschitz constant, or NaN if some layer has none
 * @param unboundedLayers     layers the bound could not cover (empty when the bound exists)
 * @param lipschitzCertified  Lipschitz-margin certified accuracy per l2 radius (empty when there is no bound)
 * @param meanLipschitzRadius mean certified l2 radius over the test images (0 for wrong predictions)
 * @param smoothingCertified  randomized-smoothing certified accuracy per l2 radius
 * @param smoothingAbstain    fraction of images where the smoothed classifier abstained
 * @param layers              per-layer spectral-norm bounds
 */
public record ModelReport(String label, String arch, long parameters, double trainSeconds, double samplesPerSecond,
                          double cleanAccuracy, List<Double> robustL2, List<Double> robustLinf, double lipschitzBound,
                          List<String> unboundedLayers, Map<Double, Double> lipschitzCertified,
                          double meanLipschitzRadius, Map<Double, Double> smoothingCertified, double smoothingAbstain,
                          List<LayerNorm> layers) {

    /** One layer's spectral-norm bound, as {@code NetworkLipschitz} reports it. */
    public record LayerNorm(String path, String layer, double value, String kind, String note) {}
}
