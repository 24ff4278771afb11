package org.robust4j.spark.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.experiments.training.TrainOptions;
import org.robust4j.experiments.training.TrainingRun;

/**
 * Shared by the Spark tests: one CPU backend, and one small model trained once per test JVM
 * (a 784-32-32-10 perceptron, one epoch on 2 000 embedded Fashion-MNIST images: accurate enough
 * that certification certifies something, fast enough for a unit test).
 */
public final class TestFixtures {
    private static Backend backend;
    private static Path model;

    private TestFixtures() {}

    public static synchronized Backend backend() {
        if (backend == null) {
            backend = Backends.create("nd4j");
        }
        return backend;
    }

    public static synchronized Path model() {
        if (model == null) {
            try {
                Path dir = Files.createTempDirectory("robust4j-spark-model");
                TrainOptions o = new TrainOptions("mlp", Map.of("hidden", "32"), "fashion-mnist-small", null, 1, 64, 3e-3,
                        "adam", 0.9, 0.0, "constant", "ce", 2000, 11);
                TrainingRun.run(backend(), o, dir);
                model = dir.resolve("model.safetensors");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }

    /** A local Spark session without UI; stop it after the test class. */
    public static SparkSession spark(String master) {
        return SparkSession.builder().master(master).appName("robust4j-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
