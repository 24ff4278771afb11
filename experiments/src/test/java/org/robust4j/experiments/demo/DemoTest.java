package org.robust4j.experiments.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.TestBackends;

class DemoTest {
    static final double R = 108 / 255.0;

    /** The quick demo shrunk further: a few hundred samples, tens of test images. */
    static DemoConfig tiny(String lipschitzArch) {
        return new DemoConfig("fashion-mnist-small", 400, List.of(
                new DemoConfig.DemoModel("CNN", "cnn", java.util.Map.of(), "ce", "adam", 1e-3, "constant", 1, 64),
                new DemoConfig.DemoModel("Lipschitz", lipschitzArch, DemoConfig.DEMO_SLL, "offset-ce", "adam", 5e-3, "triangular", 1, 64)),
                60, List.of(R, 1.0), List.of(8 / 255.0), 3, List.of(36 / 255.0, R), 10, 0.25, 8, 40, 0.01);
    }

    @Test
    void trainsAttacksAndCertifiesBothModelsAndWritesTheReport(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Demo.Result r;
        try (Backend backend = org.robust4j.core.backend.Backends.create(TestBackends.DEFAULT)) {
            r = new Demo(backend, tiny("sll"), 3, new PrintStream(log, true, StandardCharsets.UTF_8)).run(out);
        }
        assertThat(r.models()).hasSize(2);
        for (ModelReport m : r.models()) {
            // Accuracy only falls as the threat grows, and a certificate never claims more than an attack leaves.
            assertThat(m.cleanAccuracy()).isBetween(0.0, 1.0);
            assertThat(m.robustL2().get(0)).isLessThanOrEqualTo(m.cleanAccuracy());
            assertThat(m.robustL2().get(1)).isLessThanOrEqualTo(m.robustL2().get(0));
            assertThat(m.robustLinf().get(0)).isLessThanOrEqualTo(m.cleanAccuracy());
            assertThat(m.lipschitzBound()).isPositive().isFinite();
            assertThat(m.lipschitzCertified().get(R)).isLessThanOrEqualTo(m.robustL2().get(0));
            assertThat(m.lipschitzCertified().get(36 / 255.0)).isGreaterThanOrEqualTo(m.lipschitzCertified().get(R));
            assertThat(m.smoothingCertified()).containsKeys(36 / 255.0, R);
            assertThat(m.layers()).isNotEmpty().allSatisfy(l -> assertThat(l.kind()).isNotEqualTo("none"));
            double product = m.layers().stream().mapToDouble(ModelReport.LayerNorm::value).reduce(1, (a, b) -> a * b);
            assertThat(m.lipschitzBound()).isCloseTo(product, org.assertj.core.data.Offset.offset(1e-9 * product));
        }
        // The 1-Lipschitz network's bound is 1 by construction.
        assertThat(r.models().get(1).lipschitzBound()).isLessThanOrEqualTo(1 + 1e-6);
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve(DemoReport.ROBUSTNESS_PNG)).exists();
        assertThat(out.resolve(DemoReport.LAYERS_PNG)).exists();
        assertThat(out.resolve("cnn/model.safetensors")).exists();
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("| CNN |", "| Lipschitz |", "![accuracy against l2 budget](robustness.png)");
        JsonNode summary = JsonReport.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("cnn").path("clean_accuracy").asDouble()).isEqualTo(r.models().get(0).cleanAccuracy());
        assertThat(summary.path("sll").path("lipschitz_certified_accuracy").size()).isEqualTo(2);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("PGD-l2", "randomized smoothing");
        String table = DemoReport.consoleTable(tiny("sll"), r.models());
        assertThat(table.lines()).hasSize(4);
    }

    @Test
    void badArgumentsExitWithUsageErrors(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThat(CliRun.of("demo", "--out", file.toString()).exitCode()).isEqualTo(2);
        CliRun r = CliRun.of("demo", "--quick", "--lipschitz-arch", "nope", "--out", dir.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope");
    }
}
