package org.robust4j.spark.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.backendcheck.BackendCheckConfig;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.spark.support.TestFixtures;

class ExperimentSweepTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestFixtures.spark("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static ExperimentSweep sweep() {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        grid.put("matmul_sizes", List.of(List.of(8), List.of(12, 16)));
        grid.put("repetitions", List.of(1, 2));
        return new ExperimentSweep("backend-check", "tiny", grid, List.of(5L), "nd4j");
    }

    @Test
    void everyGridPointRunsAsItsOwnTaskAndIsGatheredIntoOneReport(@TempDir Path out) throws IOException {
        ExperimentSweep.Result r = sweep().run(spark, out);

        assertThat(r.points()).hasSize(4);
        assertThat(r.computed()).isEqualTo(4);
        // Point 1 is matmul_sizes [8] with 2 repetitions; its run wrote what 'robust4j run' writes.
        Path p1 = out.resolve("points/point-001");
        BackendCheckConfig c1 = JsonReport.read(p1.resolve("config.json"), BackendCheckConfig.class);
        assertThat(c1.matmulSizes()).containsExactly(8);
        assertThat(c1.repetitions()).isEqualTo(2);
        assertThat(c1.convolutions()).isEqualTo(BackendCheckConfig.tiny().convolutions());
        assertThat(r.summaries().get(1)).containsEntry("experiment", "backend-check").containsEntry("seed", 5)
                .containsKey("matmul_8_ms").doesNotContainKey("matmul_16_ms");
        assertThat(r.summaries().get(3)).containsKeys("matmul_12_ms", "matmul_16_ms");

        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("point,seed,matmul_sizes,repetitions,experiment,backend");
        assertThat(csv.get(4)).startsWith("point-003,5,\"[12,16]\",2,backend-check,nd4j");
        assertThat(out.resolve("report.md")).isNotEmptyFile();
        assertThat(r.summary().get("points")).isEqualTo(4);

        ExperimentSweep.Result again = sweep().run(spark, out);
        assertThat(again.computed()).isZero();
        assertThat(again.summaries()).isEqualTo(r.summaries());
    }

    @Test
    void aGridFieldTheConfigLacksIsNamedBeforeAnythingRuns() {
        ExperimentSweep bad = new ExperimentSweep("backend-check", "tiny", Map.of("learning_rate", List.of(0.1)),
                List.of(0L), null);
        assertThatThrownBy(bad::points).hasMessageContaining("no config field 'learning_rate'")
                .hasMessageContaining("repetitions");
        ExperimentSweep wrongType = new ExperimentSweep("backend-check", "tiny", Map.of("repetitions", List.of("many")),
                List.of(0L), null);
        assertThatThrownBy(wrongType::points).hasMessageContaining("not a valid config of 'backend-check'");
    }
}
