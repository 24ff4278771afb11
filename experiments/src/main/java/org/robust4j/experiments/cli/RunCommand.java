package org.robust4j.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.robust4j.core.backend.Backend;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.ExperimentRegistry;
import org.robust4j.experiments.registry.ExperimentRun;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.reproduce.Outcome;
import org.robust4j.experiments.reproduce.RunAll;
import org.robust4j.experiments.reproduce.Scale;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code robust4j run NAME --out DIR}: runs a registered experiment and prints its summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment ('robust4j list' names them), or 'all' of them with REPORT.md; writes results "
                + "and summary.json into DIR.")
final class RunCommand implements Callable<Integer> {
    static final String ALL = "all";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "NAME", description = "The experiment to run, or 'all'.")
    String name;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the results (created if missing).")
    Path out;

    @Option(names = "--preset", paramLabel = "PRESET", defaultValue = Experiment.DEFAULT_PRESET,
            description = "Named configuration of the experiment, e.g. 'tiny' for a quick smoke run (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read the configuration from a JSON file (as written to config.json) instead of a preset.")
    Path configFile;

    @Option(names = "--scale", paramLabel = "SCALE",
            description = "With 'all': tiny (seconds), small (each experiment's default preset) or full (default: small).")
    String scale;

    @Override
    public Integer call() throws Exception {
        if (ALL.equals(name)) {
            return runAll();
        }
        if (scale != null) {
            throw new ParameterException(spec.commandLine(), "--scale goes with 'run all'; use --preset for one experiment");
        }
        // Bad input is rejected before the backend starts or anything is written.
        ExperimentRun<?> run;
        try {
            if (configFile != null && spec.commandLine().getParseResult().hasMatchedOption("--preset")) {
                throw new IllegalArgumentException("give either --preset or --config, not both");
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
            }
            Experiment<?> experiment = ExperimentRegistry.builtIn().get(name);
            run = ExperimentRun.resolve(experiment, preset, configFile);
        } catch (IllegalArgumentException e) { // unknown experiment or preset, unreadable config
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (Backend backend = CompositionRoot.backend(common.backend())) {
            Summary summary = run.execute(RunContext.of(backend, common.seed(), out));
            spec.commandLine().getOut().println(JsonReport.mapper().writeValueAsString(summary.asMap()));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private int runAll() throws Exception {
        Scale sc;
        try {
            if (spec.commandLine().getParseResult().hasMatchedOption("--preset") || configFile != null) {
                throw new IllegalArgumentException("'run all' takes --scale, not --preset or --config");
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
            }
            sc = Scale.parse(scale == null ? "small" : scale);
            CompositionRoot.checkBackendName(common.backend());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (Backend backend = CompositionRoot.backend(common.backend())) {
            RunAll.Result r = new RunAll(ExperimentRegistry.builtIn(), sc).run(backend, common.seed(), out);
            var o = spec.commandLine().getOut();
            for (Outcome oc : r.outcomes()) {
                o.printf(java.util.Locale.ROOT, "%-28s %-8s %7.0f s  %s%n", oc.experiment(), oc.status(), oc.seconds(),
                        oc.message());
            }
            o.println("Report: " + r.report());
            o.flush();
            return r.anyFailed() ? 1 : 0;
        }
    }
}
