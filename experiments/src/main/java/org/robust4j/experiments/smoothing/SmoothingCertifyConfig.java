package org.robust4j.experiments.smoothing;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import java.util.Map;
import org.robust4j.experiments.adversarial.TrainSetup;

/**
 * The {@code smoothing-certify} experiment's parameters.
 *
 * @param dataset          dataset name
 * @param training         architecture, training-set size, epochs, batch size, learning rate (for every sigma)
 * @param sigmas           the noise levels: each trains its own Gaussian-augmented model and is certified at that sigma
 * @param certifyLimit     certify the first this many test images
 * @param n0               CERTIFY's selection draws
 * @param n                CERTIFY's estimation draws
 * @param alpha            failure probability
 * @param probeSigmaFactor multi-noise: the probe's sigma as a multiple of the smoothing sigma
 * @param probeN           multi-noise: the probe's draws
 * @param probeShare       multi-noise: the part of alpha spent on the probe
 * @param batchSize        noisy copies per forward pass
 * @param radii            the table's radii
 */
public record SmoothingCertifyConfig(String dataset, TrainSetup training, List<Double> sigmas, int certifyLimit, int n0, int n,
                                     double alpha, double probeSigmaFactor, int probeN, double probeShare, int batchSize,
                                     List<Double> radii) {
    public SmoothingCertifyConfig {
        sigmas = List.copyOf(sigmas);
        radii = List.copyOf(radii);
        checkArgument(!sigmas.isEmpty() && sigmas.stream().allMatch(s -> s > 0), "smoothing-certify: sigmas must be positive");
        checkArgument(certifyLimit > 0 && n0 > 0 && n > 0 && probeN > 0 && batchSize > 0,
                "smoothing-certify: certifyLimit, n0, n, probeN and batchSize must be positive");
        checkArgument(alpha > 0 && alpha < 1, "smoothing-certify: alpha must be in (0, 1), got %s", alpha);
        checkArgument(probeSigmaFactor > 0 && probeSigmaFactor != 1, "smoothing-certify: probeSigmaFactor must be positive and not 1");
        checkArgument(probeShare > 0 && probeShare < 1, "smoothing-certify: probeShare must be in (0, 1)");
    }

    /**
     * Laptop scale, sized from a measured smaller run: an MLP (128 hidden) trained 2 epochs on 5 120
     * Fashion-MNIST images per sigma, 100 test images certified with n = 1000 (Cohen et al.: 100 000).
     */
    public static SmoothingCertifyConfig defaults() {
        return new SmoothingCertifyConfig("fashion-mnist", new TrainSetup("mlp", Map.of("hidden", "128"), 5120, 2, 128, 1e-3),
                List.of(0.12, 0.25, 0.5), 100, 100, 1000, 0.001, 1.1, 1000, 0.5, 1000,
                List.of(0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5));
    }

    /** Seconds: a small MLP on 500 embedded images, two sigmas, 10 test images, n = 200. */
    public static SmoothingCertifyConfig tiny() {
        return new SmoothingCertifyConfig("fashion-mnist-small", new TrainSetup("mlp", Map.of("hidden", "32"), 500, 1, 64, 1e-3),
                List.of(0.25, 0.5), 10, 20, 200, 0.01, 1.1, 200, 0.5, 200, List.of(0.0, 0.25, 0.5));
    }
}
