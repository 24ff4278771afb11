package org.robust4j.experiments.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Bad arguments: one line on standard error naming the command and the problem, and exit code
 * 2 (picocli's code for invalid input), instead of picocli's default full usage text.
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
