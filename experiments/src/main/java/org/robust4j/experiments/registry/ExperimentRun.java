package org.robust4j.experiments.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import org.robust4j.core.util.ResidentMemory;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.Summary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An experiment paired with its config, ready to run the same way every time: it writes
 * {@code config.json}, times the run, and writes {@code summary.json} with {@code experiment},
 * {@code backend}, {@code seed}, the experiment's headline numbers, {@code seconds} and
 * {@code peak_rss_mib} (the process's peak resident memory during this experiment alone).
 *
 * <p>Bad input (an unknown preset, an unreadable config file) fails in {@link #resolve}, before
 * anything is written.
 */
public record ExperimentRun<C extends Record>(Experiment<C> experiment, C config) {
    public static final String CONFIG_FILE = "config.json";
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRun.class);

    /**
     * {@code experiment} with the config read from {@code configFile} if it is given, else with
     * its preset named {@code preset}; {@link IllegalArgumentException} when neither can be had.
     */
    public static ExperimentRun<?> resolve(Experiment<?> experiment, String preset, Path configFile) {
        return typed(experiment, preset, configFile);
    }

    private static <C extends Record> ExperimentRun<C> typed(Experiment<C> experiment, String preset, Path configFile) {
        C config = configFile != null ? readConfig(experiment, configFile) : preset(experiment, preset);
        return new ExperimentRun<>(experiment, config);
    }

    /** The named preset, or an {@link IllegalArgumentException} listing the presets. */
    public static <C extends Record> C preset(Experiment<C> experiment, String name) {
        C config = experiment.presets().get(name);
        if (config == null) {
            throw new IllegalArgumentException("experiment '" + experiment.name() + "' has no preset '" + name
                    + "'; presets: " + String.join(", ", new TreeSet<>(experiment.presets().keySet())));
        }
        return config;
    }

    /** The config record read from a JSON file in the format {@code config.json} is written in. */
    public static <C extends Record> C readConfig(Experiment<C> experiment, Path file) {
        try {
            return JsonReport.read(file, experiment.configType());
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new IllegalArgumentException("cannot read a config for '" + experiment.name() + "' from " + file
                    + ": " + why, e);
        }
    }

    /** Runs the experiment, writing its files and {@code summary.json} into the context's directory. */
    public Summary execute(RunContext context) throws Exception {
        Files.createDirectories(context.outDir());
        JsonReport.write(context.file(CONFIG_FILE), config);
        LOG.info("{}: backend {}, seed {}, output {}", experiment.name(), context.backend().name(), context.seed(),
                context.outDir());
        long start = System.nanoTime();
        Summary headline;
        long peak;
        // This experiment's own peak, even when it runs after others in one process (run all).
        try (ResidentMemory.Watch memory = ResidentMemory.watch()) {
            headline = experiment.run(config, context);
            peak = memory.peakMib();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Summary summary = new Summary()
                .put("experiment", experiment.name())
                .put("backend", context.backend().name())
                .put("seed", context.seed())
                .putAll(headline)
                .put("seconds", seconds);
        if (peak >= 0) {
            summary.put(Summary.PEAK_RSS_MIB, peak);
        }
        summary.writeTo(context.outDir());
        LOG.info("{}: done in {} s, peak resident memory {} MiB", experiment.name(),
                String.format(Locale.ROOT, "%.1f", seconds), peak);
        return summary;
    }
}
