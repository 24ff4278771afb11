package org.robust4j.experiments.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.data.Batch;
import org.robust4j.core.data.BatchIterator;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.tensor.Scope;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.models.ModelFile;
import org.robust4j.experiments.testing.CliRun;

/** {@code robust4j train} end to end on the embedded Fashion-MNIST subset. */
class TrainCommandTest {

    @Test
    void trainsWellAboveChanceAndTheModelFileRebuildsTheSameNetwork(@TempDir Path out) throws Exception {
        // 5 epochs of 1 000 images with batch 32: about 160 steps.
        CliRun run = CliRun.of("train", "--model", "mlp", "--dataset", "fashion-mnist-small", "--limit", "1000",
                "--epochs", "5", "--batch-size", "32", "--seed", "3", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f : new String[] {"model.safetensors", "history.json", "history.csv", "loss.png", "accuracy.png",
            "summary.json"}) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("test_accuracy").asDouble()).as("10 classes: chance is 0.1").isGreaterThan(0.6);
        assertThat(s.get("epochs").asInt()).isEqualTo(5);
        assertThat(s.get("samples_per_second").asDouble()).isPositive();
        assertThat(s.get("seconds").asDouble()).isPositive();

        // The file alone rebuilds the model: reloading twice gives bit-identical logits.
        try (Backend b = Backends.create("nd4j")) {
            DataSplits data = Datasets.load("fashion-mnist-small", null);
            Batch batch;
            try (BatchIterator it = DataLoader.builder(data.test()).batchSize(64).build().epoch(0)) {
                batch = it.next();
            }
            ModelFile.Loaded a = ModelFile.load(out.resolve("model.safetensors"), b);
            ModelFile.Loaded c = ModelFile.load(out.resolve("model.safetensors"), b);
            assertThat(a.spec().architecture()).isEqualTo("mlp");
            try (Scope scope = Scope.open()) {
                assertThat(c.model().forward(batch.x(b)).toFloatArray())
                        .containsExactly(a.model().forward(batch.x(b)).toFloatArray());
            }
        }
    }

    @Test
    void badArgumentsExitTwoAndWriteNothing(@TempDir Path dir) {
        Path out = dir.resolve("o");
        assertThat(CliRun.of("train", "--model", "nope", "--out", out.toString()).exitCode()).isEqualTo(2);
        CliRun missing = CliRun.of("train", "--model", "mlp", "--dataset", "cifar10", "--data-dir", dir.toString(),
                "--out", out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cifar10 not found").contains(dir.toString());
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aBadModelOptionExitsTwoBeforeTraining(@TempDir Path dir) {
        Path out = dir.resolve("o");
        CliRun run = CliRun.of("train", "--model", "sll", "--model-option", "head=bogus", "--dataset",
                "fashion-mnist-small", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("--model sll").contains("bogus");
        assertThat(Files.exists(out)).isFalse();
    }
}
