package org.robust4j.spark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.spark.sweep.ExperimentSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code robust4j-spark sweep}: a grid of configurations of a registered experiment, one Spark task each. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a registered experiment ('robust4j list') over a grid of config values, one Spark task per"
                + " point; writes points/point-NNN/ (each run's files), sweep.csv, summary.json and report.md into --out.")
final class SparkSweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SparkOptions sparkOptions;

    @Parameters(index = "0", paramLabel = "NAME", description = "The experiment.")
    String experiment;

    @Option(names = "--preset", defaultValue = Experiment.DEFAULT_PRESET,
            description = "The preset the grid overrides (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--grid", paramLabel = "FIELD=JSON_ARRAY", required = true,
            description = "A config field (as config.json names it) and its values as a JSON array (repeatable),"
                    + " e.g. --grid 'repetitions=[1,3]' --grid 'matmul_sizes=[[256],[512]]'.")
    List<String> grid;

    @Option(names = "--seeds", split = ",", defaultValue = "0", description = "Seeds, each run at every point (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Override
    public Integer call() throws Exception {
        ExperimentSweep sweep;
        try {
            sparkOptions.check();
            Map<String, List<Object>> g = new LinkedHashMap<>();
            for (String entry : grid) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--grid '" + entry + "' is not FIELD=JSON_ARRAY");
                }
                g.put(entry.substring(0, eq).trim(), values(entry.substring(0, eq), entry.substring(eq + 1)));
            }
            sweep = new ExperimentSweep(experiment, preset, g, seeds, sparkOptions.backend);
            sweep.points(); // unknown experiment, preset or field: fail before Spark starts
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return sparkOptions.runAndPrint(spec, "robust4j-spark sweep " + experiment,
                spark -> sweep.run(spark, sparkOptions.out).summary().asMap());
    }

    private static List<Object> values(String field, String json) {
        try {
            return new ArrayList<>(JsonReport.mapper().readValue(json, new TypeReference<List<Object>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--grid " + field + ": '" + json + "' is not a JSON array of values");
        }
    }
}
