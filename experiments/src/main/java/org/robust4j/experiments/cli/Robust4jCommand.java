package org.robust4j.experiments.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code robust4j} command: the composition root of the toolkit. Exit codes: 0 success,
 * 1 failure while running, 2 bad arguments (including an unknown backend or experiment).
 */
@Command(name = "robust4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Robust deep learning for the JVM: Lipschitz networks, attacks and certificates.",
        subcommands = {DemoCommand.class, InfoCommand.class, ListCommand.class, RunCommand.class, TrainCommand.class,
                AttackCommand.class, CertifyCommand.class, SpectralNormCommand.class})
public final class Robust4jCommand implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // Plots are rendered off-screen; no display is needed or looked for.
        System.setProperty("java.awt.headless", "true");
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with robust4j's error handling (one-line messages, exit code 2 for bad input). */
    public static CommandLine newCommandLine() {
        return new CommandLine(new Robust4jCommand())
                .setParameterExceptionHandler(new UsageErrorHandler())
                .setExecutionExceptionHandler(new ExecutionErrorHandler());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: " + String.join(", ", spec.subcommands().keySet()));
    }
}
