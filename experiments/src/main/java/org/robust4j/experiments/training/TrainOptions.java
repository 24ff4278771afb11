package org.robust4j.experiments.training;

import java.nio.file.Path;
import java.util.Map;

/**
 * A training run as the {@code train} command and experiments describe it.
 *
 * @param optimizer {@code adam}, {@code adamw} or {@code sgd}
 * @param schedule  {@code constant}, {@code cosine}, {@code triangular} (SLL/CPL) or {@code onecycle}
 * @param limit     use at most this many training samples (0: all)
 */
public record TrainOptions(String model, Map<String, String> modelOptions, String dataset, Path dataDir, int epochs,
                           int batchSize, double lr, String optimizer, double momentum, double weightDecay,
                           String schedule, String loss, int limit, long seed) {

    public static TrainOptions defaults(String model, String dataset) {
        return new TrainOptions(model, Map.of(), dataset, null, 2, 128, 1e-3, "adam", 0.9, 0.0, "constant", "ce", 0, 0);
    }
}
