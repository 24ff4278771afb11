package org.robust4j.experiments.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.robust4j.experiments.cli.Robust4jCommand;
import picocli.CommandLine;

/** One in-process run of the {@code robust4j} command: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Robust4jCommand.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Standard error's lines, without blank ones. */
    public java.util.List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }
}
