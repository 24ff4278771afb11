package org.robust4j.experiments.onelip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.ExperimentRun;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.Summary;
import org.robust4j.experiments.testing.TestBackends;

class OneLipschitzExperimentsTest {

    @Test
    void tinyPresetsTrainCertifyAndStaySound(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable());
        try (Backend backend = Backends.create(TestBackends.DEFAULT)) {
            for (Experiment<?> e : List.of(new SllCertified(), new CplDepth(), new LipschitzLayersCompare())) {
                Path dir = out.resolve(e.name());
                Summary s = ExperimentRun.resolve(e, Experiment.TINY_PRESET, null).execute(RunContext.of(backend, 1, dir));
                assertThat(dir.resolve("report.md")).exists();
                assertThat(dir.resolve("certified.png")).exists();
                CertifiedModel[] models = JsonReport.mapper().readValue(dir.resolve("results.json").toFile(),
                        CertifiedModel[].class);
                assertThat(models).isNotEmpty();
                for (CertifiedModel m : models) {
                    // Certified accuracy never exceeds clean accuracy and falls with the radius.
                    double previous = m.cleanAccuracy();
                    for (double r : CertifiedTraining.RADII) {
                        double c = m.certifiedAccuracy().get(r);
                        assertThat(c).as("%s at %s", m.label(), r).isLessThanOrEqualTo(previous);
                        previous = c;
                    }
                    // The networks are 1-Lipschitz by construction and the certificate is sound.
                    assertThat(m.lipschitzBound()).isLessThanOrEqualTo(1 + 1e-6);
                    assertThat(m.brokenInsideRadius()).as("PGD broke a certified image of %s", m.label()).isZero();
                    assertThat(m.meanCertifiedRadius()).isGreaterThanOrEqualTo(0);
                    assertThat(m.testSetAccuracy()).isBetween(0.0, 1.0);
                    assertThat(m.loss()).as("the architecture's default loss").isEqualTo(
                            org.robust4j.experiments.models.Architectures.get(m.arch()).defaultLoss());
                }
                JsonNode summary = JsonReport.mapper().readTree(dir.resolve("summary.json").toFile());
                assertThat(summary.path("experiment").asText()).isEqualTo(e.name());
                assertThat(s.asMap()).containsKey("seconds");
            }
        }
    }

    @Test
    void theSllSummaryHasTheIssuesKeys(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable());
        try (Backend backend = Backends.create(TestBackends.DEFAULT)) {
            ExperimentRun.resolve(new SllCertified(), Experiment.TINY_PRESET, null).execute(RunContext.of(backend, 2, out));
        }
        JsonNode s = JsonReport.mapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.has("clean_accuracy")).isTrue();
        assertThat(s.has("test_set_accuracy")).isTrue();
        assertThat(s.has("mean_certified_radius")).isTrue();
        assertThat(s.path("certified_accuracy").size()).isEqualTo(4);
        assertThat(s.path("certified_accuracy").path("0.1412").asDouble())
                .isLessThanOrEqualTo(s.path("clean_accuracy").asDouble());
    }

    @Test
    void aModelsLossSpecReachesTraining(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable());
        Path config = out.resolve("config.json");
        java.nio.file.Files.writeString(config, """
                {"dataset": "fashion-mnist-small", "train_limit": 200, "test_limit": 20, "epochs": 1, "batch_size": 64,
                 "lr": 0.005, "pgd_steps": 2, "models": [{"label": "small-margin", "arch": "sll",
                 "options": {"conv-layers": "1", "dense-layers": "1", "width": "4", "conv-inner": "4", "dense-inner": "16"},
                 "depth": 1, "loss": "offset-ce:0.3"}]}""");
        Path dir = out.resolve("run");
        try (Backend backend = Backends.create(TestBackends.DEFAULT)) {
            ExperimentRun.resolve(new SllCertified(), null, config).execute(RunContext.of(backend, 3, dir));
        }
        CertifiedModel[] models = JsonReport.mapper().readValue(dir.resolve("results.json").toFile(), CertifiedModel[].class);
        assertThat(models).singleElement().satisfies(m -> assertThat(m.loss()).isEqualTo("offset-ce:0.3"));
        assertThat(java.nio.file.Files.readString(dir.resolve("report.md"))).contains("offset-ce:0.3");
    }
}
