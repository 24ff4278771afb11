package org.robust4j.experiments.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.robust4j.experiments.testing.CliRun;

/** A small MLP trained once by {@code robust4j train} on the embedded Fashion-MNIST subset, for the evaluation commands' tests. */
final class TinyModel {
    private TinyModel() {}

    /** Trains into {@code dir} and returns the model file. */
    static Path train(Path dir) {
        CliRun run = CliRun.of("train", "--model", "mlp", "--model-option", "hidden=32", "--dataset", "fashion-mnist-small",
                "--limit", "1000", "--epochs", "2", "--batch-size", "64", "--seed", "1", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return dir.resolve("model.safetensors");
    }
}
