package org.robust4j.experiments.backendcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.experiments.registry.ExperimentRun;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.TestBackends;

class BackendCheckTest {
    @TempDir
    Path out;

    @Test
    void releasesEveryArrayItCreates() throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is not on the class path");
        try (Backend backend = Backends.create(TestBackends.DEFAULT)) {
            long before = backend.memory().liveArrays();
            new ExperimentRun<>(new BackendCheck(), BackendCheckConfig.tiny()).execute(RunContext.of(backend, 1, out));
            assertThat(backend.memory().liveArrays()).isEqualTo(before);
        }
    }

    @Test
    void tinyRunThroughTheCommandLineWritesEveryFile() throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is not on the class path");
        CliRun r = CliRun.of("run", "backend-check", "--preset", "tiny", "--backend", TestBackends.DEFAULT,
                "--seed", "3", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();

        JsonNode summary = JsonReport.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.fieldNames()).toIterable().contains("experiment", "backend", "seed", "seconds",
                "matmul_8_ms", "matmul_8_gflops", "matmul_16_gflops", "conv2d_shape", "conv2d_fwd_ms",
                "conv2d_fwd_gflops", "conv2d_fwd_bwd_ms", "conv2d_fwd_bwd_gflops");
        assertThat(summary.get("backend").asText()).isEqualTo("nd4j");
        assertThat(summary.get("seed").asLong()).isEqualTo(3);
        for (String key : List.of("conv2d_fwd_ms", "conv2d_fwd_bwd_ms", "matmul_16_gflops", "seconds")) {
            assertThat(summary.get(key).asDouble()).as(key).isPositive();
        }
        // What the command printed is the summary.
        assertThat(JsonReport.mapper().readTree(r.out())).isEqualTo(summary);

        JsonNode results = JsonReport.mapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("measurements")).hasSize(4);
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(5)
                .first().asString().startsWith("op,shape,flops,repetitions,median_ms");
        for (String png : List.of("matmul.png", "conv2d.png")) {
            assertThat(Files.readAllBytes(out.resolve(png))).startsWith(0x89, 'P', 'N', 'G');
        }
        assertThat(out.resolve("report.md")).content().contains("| conv2d_fwd_bwd |");
        assertThat(JsonReport.read(out.resolve("config.json"), BackendCheckConfig.class))
                .isEqualTo(BackendCheckConfig.tiny());
    }
}
