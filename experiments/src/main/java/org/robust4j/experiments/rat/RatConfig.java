package org.robust4j.experiments.rat;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.Map;
import org.robust4j.experiments.adversarial.TrainSetup;
import org.robust4j.experiments.adversarial.VolumeMatching;

/**
 * The {@code rat} experiment's parameters.
 *
 * @param dataset     dataset name ({@code fashion-mnist}, or the embedded {@code fashion-mnist-small})
 * @param training    architecture, training-set size, epochs, batch size, learning rate (the same for every defence)
 * @param testLimit   evaluate on the first this many test images
 * @param epsLinf     l_inf budget of training and evaluation
 * @param epsL2       l2 budget of the PGD-l2 and C&amp;W evaluation
 * @param trainSteps  PGD steps inside adversarial training (RAT and AT), steps of {@code 2 eps / steps}
 * @param evalSteps   PGD steps of the evaluation attacks
 * @param cwSteps     C&amp;W Adam steps per constant
 * @param cwBinarySteps C&amp;W binary-search steps over the constant
 * @param eot         noise draws per gradient when attacking a randomized defence
 * @param noise       {@code gaussian} or {@code uniform}, injected at the input
 * @param noiseScale  the noise's sd (Gaussian) or half-width (uniform)
 */
public record RatConfig(String dataset, TrainSetup training, int testLimit, double epsLinf, double epsL2, int trainSteps,
                        int evalSteps, int cwSteps, int cwBinarySteps, int eot, String noise, double noiseScale) {
    public RatConfig {
        checkArgument(testLimit > 0, "rat: testLimit must be positive, got %s", testLimit);
        checkArgument(epsLinf > 0 && epsL2 > 0, "rat: budgets must be positive, got %s and %s", epsLinf, epsL2);
        checkArgument(trainSteps > 0 && evalSteps > 0 && cwSteps > 0 && cwBinarySteps > 0 && eot > 0,
                "rat: steps, binary steps and eot must be positive");
        checkArgument(noiseScale > 0, "rat: noiseScale must be positive, got %s", noiseScale);
    }

    /**
     * Laptop scale (6.8 minutes measured on 2 shared cores): an MLP (128 hidden) trained 2 epochs on
     * 5 120 Fashion-MNIST images, 100 test images, EOT 5, C&amp;W 4 x 25 steps.
     */
    public static RatConfig defaults() {
        return new RatConfig("fashion-mnist", new TrainSetup("mlp", Map.of("hidden", "128"), 5120, 2, 128, 1e-3), 100,
                0.1, VolumeMatching.l2RadiusForLinf(784, 0.1), 10, 20, 25, 4, 5, "gaussian", 0.25);
    }

    /** Seconds: a small MLP on 256 embedded images, 20 test images. */
    public static RatConfig tiny() {
        return new RatConfig("fashion-mnist-small", new TrainSetup("mlp", Map.of("hidden", "32"), 256, 1, 64, 1e-3), 20,
                0.1, VolumeMatching.l2RadiusForLinf(784, 0.1), 2, 3, 5, 2, 2, "gaussian", 0.25);
    }
}
