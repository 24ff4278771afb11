package org.robust4j.experiments.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.report.JsonReport;

class ExperimentRegistryTest {
    @TempDir
    Path dir;

    @Test
    void findsBuiltInExperimentsByName() {
        ExperimentRegistry registry = ExperimentRegistry.builtIn();
        assertThat(registry.names()).contains("backend-check").isSorted();
        assertThat(registry.get("backend-check").name()).isEqualTo("backend-check");
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> ExperimentRegistry.builtIn().get("nope"))
                .isInstanceOf(UnknownExperimentException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("backend-check");
    }

    @Test
    void twoExperimentsCannotShareAName() {
        FakeExperiment a = new FakeExperiment();
        assertThatThrownBy(() -> new ExperimentRegistry(List.of(a, new FakeExperiment())))
                .hasMessageContaining("'fake'");
    }

    /** What the command line and the tests rely on, for every experiment added later too. */
    @Test
    void everyExperimentIsDescribedAndHasDefaultAndTinyPresetsThatRoundTripThroughJson() throws Exception {
        for (Experiment<?> e : ExperimentRegistry.builtIn().all()) {
            assertThat(e.name()).matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
            assertThat(e.description()).isNotBlank().doesNotContain("\n");
            assertThat(e.presets()).containsKeys(Experiment.DEFAULT_PRESET, Experiment.TINY_PRESET);
            for (var preset : e.presets().entrySet()) {
                Path file = dir.resolve(e.name() + "-" + preset.getKey() + ".json");
                JsonReport.write(file, preset.getValue());
                assertThat(ExperimentRun.readConfig(e, file)).isEqualTo(preset.getValue());
            }
        }
    }
}
