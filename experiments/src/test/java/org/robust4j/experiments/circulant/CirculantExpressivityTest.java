package org.robust4j.experiments.circulant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

class CirculantExpressivityTest {
    @TempDir
    Path out;

    @Test
    void tinyRunWritesTablePlotAndPaperAnchor() throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is not on the class path");
        CliRun r = CliRun.of("run", "circulant-expressivity", "--preset", "tiny", "--backend", TestBackends.DEFAULT,
                "--seed", "2", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        JsonNode summary = JsonReport.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("models").asInt()).isEqualTo(4);
        // Tiny DC network: 2 square layers of 784 (3 * 784 weights each) and the 784 -> 10 head (784 + 20).
        assertThat(summary.get("diagonal_circulant_weights_at_best").asLong()).isEqualTo(2 * 3 * 784 + 804);
        // One epoch on 512 images: every family is above chance (10 classes) on 256 test images;
        // the rank-2 network is the weakest (deep low-rank nets are hard to train, as the paper notes).
        for (String family : List.of("diagonal_circulant", "toeplitz", "low_rank", "dense")) {
            assertThat(summary.get(family + "_best_accuracy").asDouble()).as(family).isGreaterThan(0.12);
        }
        assertThat(summary.get("diagonal_circulant_best_accuracy").asDouble()).isGreaterThan(0.4);
        assertThat(summary.get("paper_mnist_dc_weights").asLong()).isEqualTo(25_620);

        JsonNode rows = JsonReport.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(rows).hasSize(4);
        for (JsonNode row : rows) {
            assertThat(row.get("lipschitz_bound").asDouble()).as(row.toString()).isPositive().isFinite();
        }
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(5);
        assertThat(Files.readAllBytes(out.resolve("accuracy-vs-weights.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(out.resolve("report.md")).content().contains("1.74% test error with 25,620 weights")
                .contains("2.79% with 46,875").contains("| diagonal-circulant | depth 2 | 5,508 |");
    }

    @Test
    void badConfigIsRejectedWithItsName() {
        assertThatThrownBy(() -> new CirculantExpressivityConfig("fashion-mnist", null, 0, 0, 1, 8, 1e-3, List.of(0),
                List.of(), List.of(), List.of(), 0.5)).hasMessageContaining("circulant-expressivity")
                .hasMessageContaining(">= 1, got 0");
        assertThatThrownBy(() -> new CirculantExpressivityConfig("fashion-mnist", null, 0, 0, 1, 8, 1e-3, List.of(1),
                List.of(), List.of(), List.of(), 2)).hasMessageContaining("leakySlope");
    }
}
