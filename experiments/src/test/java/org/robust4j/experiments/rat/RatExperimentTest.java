package org.robust4j.experiments.rat;

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

class RatExperimentTest {

    @Test
    void tinyRunWritesTheTableWithTheFourDefencesAndThreeAttacks(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is needed");
        CliRun r = CliRun.of("run", "rat", "--preset", "tiny", "--seed", "2", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : List.of("summary.json", "table.md", "robustness.png", "cells.csv", "training.csv")) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(Files.readAllBytes(out.resolve("robustness.png"))).startsWith(0x89, 'P', 'N', 'G');
        JsonNode s = JsonReport.mapper().readTree(out.resolve("summary.json").toFile());
        JsonNode acc = s.get("robust_accuracy");
        assertThat(acc.fieldNames()).toIterable().containsExactly("Baseline", "AT-linf", "NI N", "RAT-linf N");
        for (JsonNode model : acc) {
            assertThat(model.fieldNames()).toIterable().containsExactly("natural", "PGD-linf", "PGD-l2", "CW-l2");
            for (String attack : List.of("PGD-linf", "PGD-l2", "CW-l2")) {
                assertThat(model.get(attack).asDouble()).isBetween(0.0, 1.0);
            }
        }
        // Deterministic models: the clean pass is the same for every attack, and no attack adds accuracy.
        for (String m : List.of("Baseline", "AT-linf")) {
            for (String attack : List.of("PGD-linf", "PGD-l2", "CW-l2")) {
                assertThat(acc.get(m).get(attack).asDouble()).isLessThanOrEqualTo(acc.get(m).get("natural").asDouble());
            }
        }
        String table = Files.readString(out.resolve("table.md"));
        assertThat(table).contains("Scale of this run").contains("RAT-linf N").contains("0.94").contains("EOT 2 draws");
        assertThat(s.get("scale").asText()).contains("20 test images");
    }
}
