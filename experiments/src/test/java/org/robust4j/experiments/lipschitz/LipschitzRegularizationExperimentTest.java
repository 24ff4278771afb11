package org.robust4j.experiments.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.TestBackends;

/** {@code robust4j run lipschitz-regularization --preset tiny}: files, one row per run, and that the penalty works. */
class LipschitzRegularizationExperimentTest {

    @Test
    void tinyPresetTrainsEveryRunAndTheBoundPenaltiesShrinkTheLipschitzBound(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend cannot run here");
        CliRun run = CliRun.of("run", "lipschitz-regularization", "--preset", "tiny", "--seed", "2", "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f : List.of("runs.json", "runs.csv", "accuracy_vs_bound.png", "report.md", "summary.json")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        JsonNode runs = new ObjectMapper().readTree(out.resolve("runs.json").toFile());
        assertThat(runs.size()).as("baseline + 3 methods x 1 lambda").isEqualTo(4);
        Map<String, JsonNode> byMethod = new HashMap<>();
        for (JsonNode r : runs) {
            byMethod.put(r.get("method").asText(), r);
            assertThat(r.get("clean_accuracy").asDouble()).isBetween(0.0, 1.0);
            assertThat(r.get("robust_accuracy").asDouble()).isBetween(0.0, 1.0)
                    .isLessThanOrEqualTo(r.get("clean_accuracy").asDouble() + 0.2);
            assertThat(r.get("lipschitz_bound").asDouble()).isPositive();
            assertThat(r.get("train_seconds").asDouble()).isPositive();
        }
        assertThat(byMethod).containsOnlyKeys("none", "gram", "lipbound", "power");
        double baseline = byMethod.get("none").get("lipschitz_bound").asDouble();
        // Same initial weights and batches: with lambda = 1 the penalised networks end with a smaller bound.
        for (String m : List.of("gram", "lipbound", "power")) {
            assertThat(byMethod.get(m).get("lipschitz_bound").asDouble()).as(m).isLessThan(baseline);
            assertThat(byMethod.get(m).get("final_penalty").asDouble()).as(m).isPositive();
        }
        assertThat(byMethod.get("none").get("overhead").asDouble()).isEqualTo(1.0);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("baseline_lipschitz_bound").asDouble()).isEqualTo(baseline);
        assertThat(summary.has("gram_overhead")).isTrue();
    }
}
