package org.robust4j.spark.cli;

import org.robust4j.experiments.cli.ExecutionErrorHandler;
import org.robust4j.experiments.cli.UsageErrorHandler;
import org.robust4j.experiments.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code robust4j-spark}: the robust4j work that outgrows one machine, as a Spark application.
 * Run it with {@code spark-submit --class org.robust4j.spark.cli.SparkMain ...} (the cluster's
 * master comes from spark-submit), or with plain {@code java} and {@code --master local[N]}.
 * A separate entry point rather than options of {@code robust4j}: Spark applications are
 * launched by spark-submit with Spark's own class path, which the {@code robust4j} command does
 * not carry.
 */
@Command(name = "robust4j-spark", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Certification, attack evaluation and experiment sweeps on a Spark cluster.",
        subcommands = {SparkCertifyCommand.class, SparkAttackCommand.class, SparkSweepCommand.class})
public final class SparkMain implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with the robust4j command's error handling (one-line messages, exit code 2 for bad input). */
    public static CommandLine newCommandLine() {
        return new CommandLine(new SparkMain())
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new ExecutionErrorHandler());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: certify, attack or sweep");
    }
}
