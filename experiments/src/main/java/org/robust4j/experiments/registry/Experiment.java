package org.robust4j.experiments.registry;

import java.util.Map;
import org.robust4j.experiments.report.Summary;

/**
 * A named, runnable reproduction of one table or figure, at a scale this machine can run.
 *
 * <p>Its parameters are a record {@code C} (written to {@code config.json} with every run).
 * Every experiment offers at least two named presets: {@code default}, what {@code robust4j run}
 * uses, and {@code tiny}, which finishes in seconds and is what tests and smoke runs use.
 *
 * <p>{@link #run} writes its result files (JSON, CSV, PNG, {@code report.md}) into
 * {@link RunContext#outDir()} and returns its headline numbers; {@link ExperimentRun} adds {@code seconds},
 * {@code backend}, {@code seed} and {@code experiment} and writes {@code summary.json}.
 * Library code only: it takes the backend from the context and never builds one.
 */
public interface Experiment<C extends Record> {
    String DEFAULT_PRESET = "default";
    String TINY_PRESET = "tiny";

    /** Short kebab-case name used on the command line ({@code backend-check}). */
    String name();

    /** One line for {@code robust4j list}. */
    String description();

    /** The config record's class, to read a config from JSON. */
    Class<C> configType();

    /** Named configurations; contains at least {@link #DEFAULT_PRESET} and {@link #TINY_PRESET}. */
    Map<String, C> presets();

    /** Runs with {@code config}, writing files into the context's output directory. */
    Summary run(C config, RunContext context) throws Exception;
}
