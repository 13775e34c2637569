package org.ser4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs a command in-process and captures its exit code, stdout and stderr. */
record ClassifyRun(int exitCode, String out, String err) {
    static ClassifyRun of(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new ClassifyRun(code, out.toString(), err.toString());
    }

    static ClassifyRun ser4j(String... args) {
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
