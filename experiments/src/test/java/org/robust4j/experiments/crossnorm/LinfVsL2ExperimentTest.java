package org.robust4j.experiments.crossnorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.TestBackends;

class LinfVsL2ExperimentTest {

    @Test
    void tinyRunWritesTheCrossNormTable(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is needed");
        CliRun r = CliRun.of("run", "linf-vs-l2", "--preset", "tiny", "--seed", "2", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : List.of("summary.json", "table.md", "robustness.png", "cells.csv", "training.csv")) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode acc = JsonReport.mapper().readTree(out.resolve("summary.json").toFile()).get("robust_accuracy");
        assertThat(acc.fieldNames()).toIterable().containsExactly("Baseline", "AT-linf", "AT-l2", "MAT-Max", "MAT-Rand");
        for (JsonNode model : acc) {
            assertThat(model.get("PGD-linf").asDouble()).isLessThanOrEqualTo(model.get("natural").asDouble());
            assertThat(model.get("PGD-l2").asDouble()).isLessThanOrEqualTo(model.get("natural").asDouble());
        }
        // One cell per model and attack, with the budgets of the preset.
        List<String> cells = Files.readAllLines(out.resolve("cells.csv"));
        assertThat(cells).hasSize(1 + 5 * 2);
        assertThat(Files.readString(out.resolve("table.md"))).contains("| PGD-l2 |").contains("MAT-Rand").contains("0.55");
    }
}
