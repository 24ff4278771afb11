package org.robust4j.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.datasets.DatasetNotFoundException;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.ExperimentRegistry;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.Summary;
import org.robust4j.experiments.testing.TestBackends;

class RunAllTest {
    record Config(int size) {}

    /** An experiment that writes a report with an image, or fails the way it is told to. */
    record Scripted(String name, RuntimeException failure) implements Experiment<Config> {
        @Override
        public String description() {
            return "scripted";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public Map<String, Config> presets() {
            return Map.of(DEFAULT_PRESET, new Config(10), TINY_PRESET, new Config(1), "full", new Config(100));
        }

        @Override
        public Summary run(Config config, RunContext context) throws Exception {
            if (failure != null) {
                throw failure;
            }
            Files.writeString(context.file("report.md"), "# " + name + "\n\n| a |\n| --- |\n| " + config.size()
                    + " |\n\n![curve](curve.png)\n![web](https://example.org/x.png)\n");
            return new Summary().put("size", config.size());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyExperimentRunsAndTheReportSaysHowEachEnded(@TempDir Path out) throws Exception {
        ExperimentRegistry registry = new ExperimentRegistry(List.of(
                new Scripted("alpha", null),
                new Scripted("needs-data", new IllegalStateException("loading",
                        new DatasetNotFoundException("cifar10", List.of(Path.of("/nowhere")), "Give --data-dir."))),
                new Scripted("broken", new ArithmeticException("boom"))));

        RunAll.Result r = new RunAll(registry, Scale.TINY).run(TestBackends.nameOnly("stub"), 7, out);

        assertThat(r.outcomes()).extracting(Outcome::experiment, Outcome::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alpha", "ok"),
                org.assertj.core.groups.Tuple.tuple("broken", "failed"),
                org.assertj.core.groups.Tuple.tuple("needs-data", "skipped"));
        assertThat(r.anyFailed()).isTrue();
        assertThat(r.outcomes().get(0).summary()).containsEntry("size", 1).containsEntry("seed", 7L);
        String report = Files.readString(out.resolve(ReproductionReport.FILE));
        assertThat(report).contains("Scale `tiny`", "backend `stub`", "seed 7")
                .contains("### alpha") // the experiment's own heading, demoted two levels
                .contains("![curve](alpha/curve.png)")
                .contains("![web](https://example.org/x.png)")
                .contains("**Skipped: data absent.** cifar10 not found")
                .contains("**Failed:** ArithmeticException: boom");
        assertThat(out.resolve("alpha/summary.json")).exists();
        // The run's own summary: each experiment's status, and the memory the run cost.
        Map<String, Object> all = JsonReport.mapper().readValue(out.resolve("summary.json").toFile(), Map.class);
        assertThat(all).containsEntry("scale", "tiny").containsEntry("seed", 7)
                .containsEntry("experiments", Map.of("alpha", "ok", "broken", "failed", "needs-data", "skipped"));
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(((Number) all.get("peak_rss_mib")).longValue()).isPositive();
            assertThat(((Number) r.outcomes().get(0).summary().get("peak_rss_mib")).longValue()).isPositive();
            assertThat(report).contains("peak MiB").containsPattern("peak resident memory \\d+ MiB");
        }
    }

    @Test
    void everyPaperOfTheDesignTableIsCoveredByRegisteredExperiments() throws Exception {
        List<String> registered = ExperimentRegistry.builtIn().names();
        for (Papers.Coverage c : Papers.DESIGN_TABLE) {
            assertThat(c.experiments()).as(c.capability()).isNotEmpty();
            assertThat(registered).as(c.capability()).containsAll(c.experiments());
        }
        // Against DESIGN.md itself where the shared folder is beside the checkout (as in CI): every
        // arXiv id of its table appears in the coverage list.
        Path design = Path.of("..", "..", "shared", "DESIGN.md");
        assumeTrue(Files.exists(design), "../shared/DESIGN.md is not beside this checkout");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d{4}\\.\\d{5})\\)")
                .matcher(Files.readString(design));
        String covered = Papers.DESIGN_TABLE.toString();
        int ids = 0;
        while (m.find()) {
            ids++;
            assertThat(covered).as("DESIGN.md's paper arXiv %s", m.group(1)).contains(m.group(1));
        }
        assertThat(ids).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theReportListsTheDesignTableWithEachExperimentsStatus(@TempDir Path out) throws Exception {
        ExperimentRegistry registry = new ExperimentRegistry(List.of(new Scripted("rat", null),
                new Scripted("gram-iteration", new ArithmeticException("boom"))));
        new RunAll(registry, Scale.TINY).run(TestBackends.nameOnly("stub"), 1, out);
        String report = Files.readString(out.resolve(ReproductionReport.FILE));
        assertThat(report).contains("| RAT, attacks under noise (EOT) | Araujo et al., 2019 (1903.10219) | rat (ok) |")
                .contains("gram-iteration (failed), lipschitz-regularization (not run)");
    }

    @Test
    void scalesPickPresets() {
        Scripted e = new Scripted("x", null);
        assertThat(Scale.TINY.presetFor(e)).isEqualTo("tiny");
        assertThat(Scale.SMALL.presetFor(e)).isEqualTo("default");
        assertThat(Scale.FULL.presetFor(e)).isEqualTo("full");
        Experiment<?> noFull = new org.robust4j.experiments.backendcheck.BackendCheck();
        assertThat(Scale.FULL.presetFor(noFull)).isEqualTo("default");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scale.parse("huge"))
                .hasMessageContaining("tiny, small or full");
    }

    @Test
    void embeddingDemotesHeadingsAndRewritesOnlyLocalImages() {
        String md = ReproductionReport.embed("# T\n## S\ntext # not a heading\n![a](p.png) ![b](/abs.png)", "dir");
        assertThat(md).contains("### T\n#### S\ntext # not a heading\n![a](dir/p.png) ![b](/abs.png)");
    }
}
