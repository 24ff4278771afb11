package org.robust4j.experiments.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.random.Generator;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.testing.TestBackends;

class ExperimentRunTest {
    @TempDir
    Path dir;

    @Test
    void writesConfigAndASummaryWithTheStandardKeys() throws Exception {
        Path out = dir.resolve("run");
        ExperimentRun.resolve(new FakeExperiment(), "tiny", null)
                .execute(RunContext.of(TestBackends.nameOnly("stub"), 5, out));

        JsonNode summary = JsonReport.mapper().readTree(out.resolve("summary.json").toFile());
        boolean linux = java.nio.file.Files.isReadable(Path.of("/proc/self/status"));   // where the peak is known
        assertThat(summary.fieldNames()).toIterable().containsExactlyElementsOf(linux
                ? java.util.List.of("experiment", "backend", "seed", "steps", "first_random", "seconds", "peak_rss_mib")
                : java.util.List.of("experiment", "backend", "seed", "steps", "first_random", "seconds"));
        if (linux) {
            assertThat(summary.get("peak_rss_mib").asLong()).as("MiB resident at the peak").isPositive();
        }
        assertThat(summary.get("experiment").asText()).isEqualTo("fake");
        assertThat(summary.get("backend").asText()).isEqualTo("stub");
        assertThat(summary.get("seed").asLong()).isEqualTo(5);
        assertThat(summary.get("steps").asInt()).isEqualTo(1);
        assertThat(summary.get("first_random").asInt()).isEqualTo(new Generator(5).nextInt(1000));
        assertThat(summary.get("seconds").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(JsonReport.read(out.resolve("config.json"), FakeExperiment.Config.class))
                .isEqualTo(new FakeExperiment.Config(1, "tiny"));
        assertThat(out.resolve("fake.txt")).hasContent("tiny");
    }

    @Test
    void aConfigFileReplacesThePreset() throws Exception {
        Path config = dir.resolve("c.json");
        JsonReport.write(config, new FakeExperiment.Config(7, "from file"));
        ExperimentRun<?> run = ExperimentRun.resolve(new FakeExperiment(), "default", config);
        assertThat(run.config()).isEqualTo(new FakeExperiment.Config(7, "from file"));
    }

    @Test
    void badInputFailsBeforeAnythingIsWritten() throws Exception {
        assertThatThrownBy(() -> ExperimentRun.resolve(new FakeExperiment(), "huge", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default, tiny");
        Path unknownField = Files.writeString(dir.resolve("c.json"), "{\"steps\": 1, \"colour\": \"red\"}");
        assertThatThrownBy(() -> ExperimentRun.resolve(new FakeExperiment(), "default", unknownField))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> ExperimentRun.resolve(new FakeExperiment(), "default", dir.resolve("missing.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.json");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("c.json");
        }
    }
}
