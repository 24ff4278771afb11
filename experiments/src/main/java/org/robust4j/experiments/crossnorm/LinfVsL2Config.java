package org.robust4j.experiments.crossnorm;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.Map;
import org.robust4j.experiments.adversarial.TrainSetup;
import org.robust4j.experiments.adversarial.VolumeMatching;

/**
 * The {@code linf-vs-l2} experiment's parameters.
 *
 * @param dataset    dataset name
 * @param training   architecture, training-set size, epochs, batch size, learning rate (the same for every defence)
 * @param testLimit  evaluate on the first this many test images
 * @param epsLinf    l_inf budget, in training and evaluation
 * @param epsL2      l2 budget, in training and evaluation
 * @param trainSteps PGD steps inside adversarial training
 * @param evalSteps  PGD steps of the evaluation attacks
 */
public record LinfVsL2Config(String dataset, TrainSetup training, int testLimit, double epsLinf, double epsL2, int trainSteps,
                             int evalSteps) {
    public LinfVsL2Config {
        checkArgument(testLimit > 0, "linf-vs-l2: testLimit must be positive, got %s", testLimit);
        checkArgument(epsLinf > 0 && epsL2 > 0, "linf-vs-l2: budgets must be positive, got %s and %s", epsLinf, epsL2);
        checkArgument(trainSteps > 0 && evalSteps > 0, "linf-vs-l2: steps must be positive");
    }

    /**
     * Laptop scale: an MLP (128 hidden) trained 2 epochs on 3 840 Fashion-MNIST images, 500 test images
     * (with 5 120 images it took 8.3 minutes on the 2 shared cores it was measured on).
     */
    public static LinfVsL2Config defaults() {
        return new LinfVsL2Config("fashion-mnist", new TrainSetup("mlp", Map.of("hidden", "128"), 3840, 2, 128, 1e-3), 500,
                0.1, VolumeMatching.l2RadiusForLinf(784, 0.1), 10, 20);
    }

    /** Seconds: a small MLP on 256 embedded images, 20 test images. */
    public static LinfVsL2Config tiny() {
        return new LinfVsL2Config("fashion-mnist-small", new TrainSetup("mlp", Map.of("hidden", "32"), 256, 1, 64, 1e-3), 20,
                0.1, VolumeMatching.l2RadiusForLinf(784, 0.1), 2, 3);
    }
}
