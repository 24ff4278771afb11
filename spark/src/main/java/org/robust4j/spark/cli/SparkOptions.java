package org.robust4j.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.robust4j.core.backend.Backends;
import org.robust4j.experiments.report.JsonReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options every robust4j-spark command takes (a picocli mixin). */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N] to run here without a cluster, spark://HOST:PORT, yarn, k8s://...;"
                    + " omit it under spark-submit, which passes its own.")
    String master;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "The executors' backend (nd4j, opencl). Default: each executor's robust4j.backend"
                    + " (-Drobust4j.backend in spark.executor.extraJavaOptions or ROBUST4J_BACKEND in spark.executorEnv).")
    String backend;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Tasks to split the items into (default: 4 per core Spark offers, so retries stay small).")
    int partitions;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory, shared by the driver and executors (created if missing; a re-run resumes).")
    Path out;

    /** Rejects bad values before Spark starts. */
    void check() {
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0 (0: automatic), got " + partitions);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
        }
        if (backend != null) {
            Backends.provider(backend); // an unknown name fails here, listing the known ones
        }
        if (master == null && !new SparkConf().contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: give --master local[N] (or a cluster URL), or start"
                    + " through spark-submit");
        }
    }

    /** What a command does with the session: its {@code summary.json} values. */
    @FunctionalInterface
    interface Work {
        Map<String, Object> run(SparkSession spark) throws Exception;
    }

    /** Starts the session, runs {@code work}, prints its summary as JSON on the command's output, stops the session. */
    int runAndPrint(CommandSpec spec, String appName, Work work) throws Exception {
        SparkSession spark = session(appName);
        try {
            Map<String, Object> summary = work.run(spark);
            spec.commandLine().getOut().println(JsonReport.mapper().writeValueAsString(summary));
            spec.commandLine().getOut().flush();
        } finally {
            spark.stop();
        }
        return 0;
    }

    SparkSession session(String appName) {
        // A console progress bar, as the robust4j command shows for long work.
        SparkSession.Builder b = SparkSession.builder().appName(appName).config("spark.ui.showConsoleProgress", "true");
        if (master != null) {
            b.master(master);
        }
        return b.getOrCreate();
    }

    int partitions(SparkSession spark) {
        return partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
    }
}
