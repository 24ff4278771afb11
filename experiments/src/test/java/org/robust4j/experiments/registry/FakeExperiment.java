package org.robust4j.experiments.registry;

import java.nio.file.Files;
import java.util.Map;
import org.robust4j.experiments.report.Summary;

/** An experiment that computes nothing: writes one file and reports its config back. */
final class FakeExperiment implements Experiment<FakeExperiment.Config> {
    record Config(int steps, String label) {
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String description() {
        return "does nothing";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Map<String, Config> presets() {
        return Map.of(DEFAULT_PRESET, new Config(3, "default"), TINY_PRESET, new Config(1, "tiny"));
    }

    @Override
    public Summary run(Config config, RunContext context) throws Exception {
        Files.writeString(context.file("fake.txt"), config.label());
        return new Summary().put("steps", config.steps()).put("first_random", context.generator().nextInt(1000));
    }
}
