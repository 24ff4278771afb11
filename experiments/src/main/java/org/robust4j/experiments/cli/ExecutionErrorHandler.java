package org.robust4j.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.robust4j.core.backend.UnknownBackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Failures while a command runs. An unknown backend name is bad input: one line listing the
 * available backends, exit code 2. Errors that carry a message meant for users (illegal
 * argument or state, I/O) print that message on one line, exit code 1, with the stack trace
 * at DEBUG level; anything else is a bug and is logged with its stack trace, exit code 1.
 */
public final class ExecutionErrorHandler implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        if (ex instanceof UnknownBackendException) {
            err.println(name + ": " + ex.getMessage());
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }
        if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException || ex instanceof IOException) {
            // An I/O exception's message is often just a path; its type says what went wrong.
            err.println(name + ": error: " + (ex instanceof IOException ? ex.toString() : ex.getMessage()));
            err.flush();
            LOG.debug("{} failed", name, ex);
        } else {
            LOG.error("{} failed", name, ex);
        }
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }
}
