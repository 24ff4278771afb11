package org.robust4j.experiments.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.models.ModelFile;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.ProgressLines;
import org.robust4j.experiments.testing.TestBackends;

/** {@code robust4j attack} end to end on a small MLP trained by {@code robust4j train}. */
class AttackCommandTest {
    @TempDir
    static Path shared;
    static Path model;

    @BeforeAll
    static void trainModel() {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is needed");
        model = TinyModel.train(shared.resolve("train"));
    }

    private static CliRun attack(Path out, String attack, String eps, String... more) {
        return attack(out, 60, attack, eps, more);
    }

    private static CliRun attack(Path out, int limit, String attack, String eps, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("attack", "--model", model.toString(), "--dataset",
                "fashion-mnist-small", "--attack", attack, "--eps", eps, "--limit", String.valueOf(limit), "--seed", "5",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void showsItsProgressPerBatch(@TempDir Path out) throws Exception {
        try (ProgressLines lines = ProgressLines.capture()) {
            CliRun run = attack(out, 30, "fgsm", "0.1", "--batch-size", "8");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(lines.get()).contains("attack fgsm: started (30 samples)")
                    .anyMatch(l -> l.startsWith("attack fgsm: 30/30 samples done in "));
        }
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(summary(out).get("peak_rss_mib").asLong()).isGreaterThan(50);
        }
    }

    @Test
    void pgdLinfLowersAccuracyAndWritesEveryFile(@TempDir Path out) throws Exception {
        CliRun run = attack(out, "pgd-linf", "0.1", "--steps", "10");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f : new String[] {"samples.csv", "samples.json", "summary.json"}) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode s = summary(out);
        assertThat(s.get("attack").asText()).isEqualTo("pgd-linf");
        assertThat(s.get("eps").asDouble()).isEqualTo(0.1);
        assertThat(s.get("samples").asInt()).isEqualTo(60);
        assertThat(s.get("seconds").asDouble()).isPositive();
        double clean = s.get("clean_accuracy").asDouble();
        double robust = s.get("robust_accuracy").asDouble();
        assertThat(clean).as("a trained model is well above chance (0.1)").isGreaterThan(0.5);
        // eps = 0.1 in l_inf is a large budget on Fashion-MNIST for an undefended MLP.
        assertThat(robust).isLessThan(clean);

        // The per-sample file agrees with the summary and with an independent forward pass of the model.
        JsonNode rows = new ObjectMapper().readTree(out.resolve("samples.json").toFile());
        assertThat(rows.size()).isEqualTo(60);
        int correct = 0;
        int robustCount = 0;
        try (Backend b = Backends.create(TestBackends.DEFAULT); Scope scope = Scope.open()) {
            DataSplits data = Datasets.load("fashion-mnist-small", null);
            TestSubset subset = TestSubset.first(data.test(), 60);
            long[] pred = ModelFile.load(model, b).model().forward(subset.features(b)).argMax(1).toLongArray();
            for (int i = 0; i < 60; i++) {
                JsonNode r = rows.get(i);
                assertThat(r.get("label").asInt()).isEqualTo(subset.labels()[i]);
                assertThat(r.get("clean_prediction").asLong()).isEqualTo(pred[i]);
                correct += pred[i] == subset.labels()[i] ? 1 : 0;
                robustCount += r.get("robust").asBoolean() ? 1 : 0;
                assertThat(r.get("distance").asDouble()).isLessThanOrEqualTo(0.1 * (1 + 1e-6));
                if (r.get("robust").asBoolean()) {
                    assertThat(r.get("adversarial_prediction").asLong()).isEqualTo(r.get("label").asLong());
                }
            }
        }
        assertThat(clean).isEqualTo(correct / 60.0);
        assertThat(robust).isEqualTo(robustCount / 60.0);
        assertThat(Files.readAllLines(out.resolve("samples.csv")).get(0))
                .isEqualTo("index,label,clean_prediction,adversarial_prediction,attacked,success,distance,robust");
    }

    @Test
    void zeroBudgetLeavesAccuracyUnchanged(@TempDir Path dir) throws Exception {
        for (String a : new String[] {"fgsm", "pgd-l2", "cw-l2"}) {
            Path out = dir.resolve(a);
            CliRun run = attack(out, 30, a, "0", "--steps", "5");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode s = summary(out);
            assertThat(s.get("robust_accuracy").asDouble()).as(a).isEqualTo(s.get("clean_accuracy").asDouble());
        }
    }

    @Test
    void carliniWagnerCountsSamplesWithinEpsAndKeepsTheDistance(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cw");
        CliRun run = attack(out, 10, "cw-l2", "1.0", "--steps", "10");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = summary(out);
        JsonNode rows = new ObjectMapper().readTree(out.resolve("samples.json").toFile());
        int robust = 0;
        for (JsonNode r : rows) {
            boolean within = r.get("success").asBoolean() && r.get("distance").asDouble() <= 1.0 * (1 + 1e-6);
            boolean correct = r.get("clean_prediction").asLong() == r.get("label").asLong();
            assertThat(r.get("robust").asBoolean()).isEqualTo(correct && !within);
            robust += r.get("robust").asBoolean() ? 1 : 0;
        }
        assertThat(s.get("robust_accuracy").asDouble()).isEqualTo(robust / 10.0);
        assertThat(s.get("robust_accuracy").asDouble()).isLessThanOrEqualTo(s.get("clean_accuracy").asDouble());
        // Minimal-norm attack: some successes lie beyond the budget and their distance is kept.
        assertThat(rows.findValues("distance").stream().mapToDouble(JsonNode::asDouble).max().orElse(0)).isPositive();
    }

    @Test
    void badInputExitsTwoWithOneLine(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        assertThat(attack(out, "nope", "0.1").exitCode()).isEqualTo(2);
        CliRun negative = attack(out, "fgsm", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.errLines()).hasSize(1);
        assertThat(negative.err()).contains("--eps");
        CliRun missing = CliRun.of("attack", "--model", dir.resolve("none.safetensors").toString(), "--dataset",
                "fashion-mnist-small", "--attack", "fgsm", "--eps", "0.1", "--out", out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("none.safetensors");
        Path junk = dir.resolve("junk.safetensors");
        Files.writeString(junk, "not a model");
        CliRun bad = CliRun.of("attack", "--model", junk.toString(), "--dataset", "fashion-mnist-small", "--attack", "fgsm",
                "--eps", "0.1", "--out", out.toString());
        assertThat(bad.exitCode()).as(bad.err()).isEqualTo(2);
        assertThat(bad.errLines()).hasSize(1);
        assertThat(Files.exists(out)).isFalse();
    }
}
