package org.robust4j.experiments.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.TestBackends;

/** {@code robust4j run gram-iteration --preset tiny}: the files, and that every bound bounds. */
class GramIterationExperimentTest {

    @Test
    void tinyPresetWritesEveryFileAndUpperBoundsAreAboveTheExactNorm(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend cannot run here");
        CliRun run = CliRun.of("run", "gram-iteration", "--preset", "tiny", "--seed", "4", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f : List.of("results.json", "results.csv", "convergence.csv", "ratios.png", "convergence.png",
                "report.md", "summary.json")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }

        ObjectMapper json = new ObjectMapper();
        JsonNode results = json.readTree(out.resolve("results.json").toFile());
        JsonNode rows = results.get("measurements");
        // 2 random kernels + the 20 convolutions of ResNet-18, 6 methods each.
        assertThat(rows.size()).isEqualTo((2 + 20) * 6);
        int upper = 0;
        for (JsonNode r : rows) {
            double value = r.get("value").asDouble();
            double exact = r.get("exact").asDouble();
            String what = r.get("layer").asText() + " " + r.get("method").asText();
            assertThat(r.get("kind").asText()).as(what).isIn("exact", "upper", "estimate");
            assertThat(exact).as(what).isPositive();
            switch (r.get("kind").asText()) {
                case "upper" -> {
                    assertThat(value).as(what).isGreaterThanOrEqualTo(exact * (1 - 1e-12));
                    upper++;
                }
                case "estimate" -> assertThat(value).as(what).isLessThanOrEqualTo(exact * (1 + 1e-12));
                default -> assertThat(value).as(what).isEqualTo(exact);
            }
        }
        assertThat(upper).as("gram, spatial-gram, lipbound and singla-feizi on 22 layers").isEqualTo(22 * 4);

        // Gram iteration converges much faster than power iteration (superlinear vs linear).
        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("convergence_gram_final_relative_error").asDouble()).isLessThan(1e-6);
        assertThat(summary.get("gram_max_ratio").asDouble()).isLessThan(1.01);
        assertThat(summary.get("resnet18_exact_product_ratio").asDouble()).isEqualTo(1.0);
    }
}
