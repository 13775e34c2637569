package org.ser4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs a command line in-process and captures its exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
    /** Runs {@code command} (a picocli command object) configured as {@link Ser4jCli#newCommandLine()} does. */
    static CliRun of(Object command, String... args) {
        return of(new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true), args);
    }

    /** Runs an already configured command line. */
    static CliRun of(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs the whole {@code ser4j} command line. */
    static CliRun ser4j(String... args) {
        return of(Ser4jCli.newCommandLine(), args);
    }

    List<String> outLines() {
        return out.isBlank() ? List.of() : Arrays.asList(out.strip().split("\\R"));
    }

    /** Stderr lines, ignoring progress-bar redraws. */
    List<String> errLines() {
        return Arrays.stream(err.split("\\R")).map(l -> l.replaceAll("^.*\r", "").strip()).filter(l -> !l.isEmpty()).toList();
    }
}
