package org.robust4j.experiments.noiseinjection;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import java.util.Map;
import org.robust4j.experiments.adversarial.TrainSetup;
import org.robust4j.experiments.adversarial.VolumeMatching;

/**
 * The {@code noise-injection} experiment's parameters.
 *
 * @param dataset       dataset name
 * @param training      architecture, training-set size, epochs, batch size, learning rate (every model)
 * @param noises        the injected noises, {@code gaussian:SD} or {@code laplace:SD} (Laplace scale {@code SD / sqrt 2},
 *                      so both laws have the same standard deviation, as the paper's table compares them)
 * @param testLimit     attack and certify the first this many test images
 * @param epsLinf       l_inf budget of PGD-l_inf
 * @param epsL2         l2 budget of PGD-l2 and C&amp;W
 * @param evalSteps     PGD steps
 * @param cwSteps       C&amp;W Adam steps per constant
 * @param cwBinarySteps C&amp;W binary-search steps over the constant
 * @param eot           noise draws per gradient when attacking a noise-injected network
 * @param n0            selection draws of the Rényi certificate
 * @param n             estimation draws of the Rényi certificate (also the entropy estimate of the gap bound)
 * @param alpha         failure probability of the certificate
 * @param batchSize     noisy copies per forward pass when counting votes
 * @param radii         the certified-accuracy table's radii (l2 for Gaussian, l1 for Laplace)
 * @param gapRadii      the radii alpha at which the Rényi level and the adversarial-risk gap bound are reported
 *                      (l2 for Gaussian, l1 for Laplace)
 */
public record NoiseInjectionConfig(String dataset, TrainSetup training, List<String> noises, int testLimit, double epsLinf,
                                   double epsL2, int evalSteps, int cwSteps, int cwBinarySteps, int eot, int n0, int n,
                                   double alpha, int batchSize, List<Double> radii, List<Double> gapRadii) {
    public NoiseInjectionConfig {
        noises = List.copyOf(noises);
        radii = List.copyOf(radii);
        gapRadii = List.copyOf(gapRadii);
        checkArgument(!noises.isEmpty(), "noise-injection: give at least one noise");
        noises.forEach(InjectedNoise::parse);
        checkArgument(testLimit > 0 && n0 > 0 && n > 0 && batchSize > 0, "noise-injection: testLimit, n0, n and batchSize"
                + " must be positive");
        checkArgument(epsLinf > 0 && epsL2 > 0, "noise-injection: budgets must be positive, got %s and %s", epsLinf, epsL2);
        checkArgument(evalSteps > 0 && cwSteps > 0 && cwBinarySteps > 0 && eot > 0,
                "noise-injection: steps, binary steps and eot must be positive");
        checkArgument(alpha > 0 && alpha < 1, "noise-injection: alpha must be in (0, 1), got %s", alpha);
        checkArgument(!radii.isEmpty() && radii.stream().allMatch(r -> r >= 0), "noise-injection: radii must be >= 0");
        checkArgument(!gapRadii.isEmpty() && gapRadii.stream().allMatch(r -> r > 0),
                "noise-injection: gapRadii must be positive");
    }

    /**
     * Laptop scale, about two minutes on 2 cores: an MLP (128 hidden) trained 2 epochs on 5 120
     * Fashion-MNIST images per noise; Gaussian and Laplace noise at sd 0.05 and 0.25 on [0, 1]
     * inputs (the paper's 0.01 and 0.5 are on [-1, 1], i.e. 0.005 and 0.25 here); 100 test
     * images, EOT 5, PGD-20, C&amp;W 4 x 25 steps, certificates with n = 1000.
     */
    public static NoiseInjectionConfig defaults() {
        return new NoiseInjectionConfig("fashion-mnist", new TrainSetup("mlp", Map.of("hidden", "128"), 5120, 2, 128, 1e-3),
                List.of("gaussian:0.05", "gaussian:0.25", "laplace:0.05", "laplace:0.25"), 100, 0.1,
                VolumeMatching.l2RadiusForLinf(784, 0.1), 20, 25, 4, 5, 100, 1000, 0.001, 1000,
                List.of(0.0, 0.05, 0.1, 0.25, 0.5), List.of(0.01, 0.05, 0.1));
    }

    /** Seconds: a small MLP on 256 embedded images, one noise of each law, 10 test images, n = 100. */
    public static NoiseInjectionConfig tiny() {
        return new NoiseInjectionConfig("fashion-mnist-small", new TrainSetup("mlp", Map.of("hidden", "32"), 256, 1, 64, 1e-3),
                List.of("gaussian:0.25", "laplace:0.25"), 10, 0.1, VolumeMatching.l2RadiusForLinf(784, 0.1), 3, 5, 2, 2, 10,
                100, 0.01, 100, List.of(0.0, 0.1, 0.25), List.of(0.01, 0.1));
    }
}
