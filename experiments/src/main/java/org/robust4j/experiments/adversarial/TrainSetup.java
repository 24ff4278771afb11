package org.robust4j.experiments.adversarial;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.Map;

/**
 * How the adversarial experiments train each model: the architecture (with its options), how
 * many training samples, epochs, batch size and Adam's learning rate.
 */
public record TrainSetup(String architecture, Map<String, String> architectureOptions, int trainLimit, int epochs,
                         int batchSize, double lr) {
    public TrainSetup {
        architectureOptions = Map.copyOf(architectureOptions);
        checkArgument(trainLimit >= 0, "trainLimit must be >= 0 (0: all), got %s", trainLimit);
        checkArgument(epochs > 0 && batchSize > 0 && lr > 0, "epochs, batchSize and lr must be positive, got %s, %s, %s",
                epochs, batchSize, lr);
    }
}
