package org.robust4j.spark.cli;

import java.io.PrintWriter;
import org.robust4j.core.backend.UnknownBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
        versionProvider = SparkMain.Version.class,
        description = "Certification, attack evaluation and experiment sweeps on a Spark cluster.",
        subcommands = {SparkCertifyCommand.class, SparkAttackCommand.class, SparkSweepCommand.class})
public final class SparkMain implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkMain.class);

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with one-line error messages and exit code 2 for bad input. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new SparkMain())
                .setParameterExceptionHandler((ex, args) -> {
                    CommandLine cmd = ex.getCommandLine();
                    String name = cmd.getCommandSpec().qualifiedName();
                    cmd.getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
                    cmd.getErr().flush();
                    return cmd.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((ex, cmd, parseResult) -> {
                    String name = cmd.getCommandSpec().qualifiedName();
                    PrintWriter err = cmd.getErr();
                    if (ex instanceof UnknownBackendException) {
                        err.println(name + ": " + ex.getMessage());
                        err.flush();
                        return cmd.getCommandSpec().exitCodeOnInvalidInput();
                    }
                    if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                            || ex instanceof java.io.IOException) {
                        err.println(name + ": error: " + (ex instanceof java.io.IOException ? ex.toString() : ex.getMessage()));
                        err.flush();
                        LOG.debug("{} failed", name, ex);
                    } else {
                        LOG.error("{} failed", name, ex);
                    }
                    return cmd.getCommandSpec().exitCodeOnExecutionException();
                });
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: certify, attack or sweep");
    }

    /** The project version, as the robust4j command reports it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SparkMain.class.getPackage().getImplementationVersion();
            return new String[] {"robust4j-spark " + (v != null ? v : "(development build)")};
        }
    }
}
