package org.robust4j.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robust4j.core.backend.Backends;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.TestBackends;

class CliTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"", "info", "list", "run"})
    void helpExitsZeroAndShowsTheCommonOptions(String sub) {
        CliRun r = sub.isEmpty() ? CliRun.of("--help") : CliRun.of(sub, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: robust4j");
        if (!sub.isEmpty()) {
            assertThat(r.out()).contains("--backend", "--seed", "--out");
        }
    }

    @Test
    void versionNamesTheRelease() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("robust4j ").doesNotContain("${");
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "list", "run"})
    void unknownBackendExitsTwoWithOneLineListingTheAvailableOnes(String sub) {
        Path out = tmp.resolve("out");
        CliRun r = sub.equals("run")
                ? CliRun.of("run", "backend-check", "--preset", "tiny", "--backend", "no-such-backend", "--out", out.toString())
                : CliRun.of(sub, "--backend", "no-such-backend");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).contains("unknown backend 'no-such-backend'", "available backends:");
        Backends.names().forEach(name -> assertThat(r.errLines().get(0)).contains(name));
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownExperimentExitsTwoListingTheExperimentsAndWritesNothing() {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("run", "no-such-experiment", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .contains("unknown experiment 'no-such-experiment'", "backend-check");
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownPresetExitsTwoListingThePresets() {
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("run", "backend-check", "--preset", "huge", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("no preset 'huge'", "default", "tiny");
        assertThat(out).doesNotExist();
    }

    @Test
    void unreadableConfigFileExitsTwo() throws Exception {
        Path config = Files.writeString(tmp.resolve("bad.json"), "{ \"warmup\": ");
        CliRun r = CliRun.of("run", "backend-check", "--config", config.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("cannot read a config for 'backend-check'");
    }

    @Test
    void anOutputPathThatIsAFileExitsTwo() throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        CliRun r = CliRun.of("run", "backend-check", "--preset", "tiny", "--out", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("is a file, not a directory");
        assertThat(file).hasContent("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run backend-check", "--bogus", "run backend-check --out", "list --seed x", ""})
    void badArgumentsExitTwoWithOneLine(String args) {
        CliRun r = CliRun.of(args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("robust4j");
    }

    @Test
    void listNamesEveryExperimentAndWritesSummaryWhenAsked() throws Exception {
        CliRun r = CliRun.of("list", "--out", tmp.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("backend-check");
        JsonNode summary = JsonReport.mapper().readTree(tmp.resolve("summary.json").toFile());
        assertThat(summary.get("experiments").has("backend-check")).isTrue();
    }

    @Test
    void infoShowsTheBackendAndPassesTheSelfCheck() throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is not on the class path");
        CliRun r = CliRun.of("info", "--backend", TestBackends.DEFAULT, "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("backend: nd4j", "available backends:", "jvm:", "self-check: OK")
                .doesNotContain("FAILED");
        JsonNode summary = JsonReport.mapper().readTree(tmp.resolve("summary.json").toFile());
        assertThat(summary.get("backend").asText()).isEqualTo("nd4j");
        assertThat(summary.get("self_check").asText()).isEqualTo("ok");
        assertThat(summary.get("seconds").isNumber()).isTrue();
    }
}
