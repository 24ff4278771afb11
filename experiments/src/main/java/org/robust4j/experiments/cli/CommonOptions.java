package org.robust4j.experiments.cli;

import org.robust4j.experiments.report.Progress;
import picocli.CommandLine.Option;

/** Options every subcommand takes (a picocli mixin); {@code --out} is declared by each command. */
public final class CommonOptions {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to compute on (overrides robust4j.backend and ROBUST4J_BACKEND); "
                    + "'robust4j info' lists them.")
    String backend;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the random generator (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Applied as parsed: the progress bars and lines are process-wide output, like the command's. */
    @Option(names = {"-q", "--quiet"}, defaultValue = "false",
            description = "No progress bars or progress lines (results and errors are still printed).")
    void setQuiet(boolean quiet) {
        Progress.setQuiet(quiet);
    }

    /** The backend name given on the command line, or null to use the configuration. */
    public String backend() {
        return backend;
    }

    public long seed() {
        return seed;
    }
}
