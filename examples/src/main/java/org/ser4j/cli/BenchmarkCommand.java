package org.ser4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ser4j benchmark <what>}: a container for the benchmark subcommands; it only lists them.
 * Add a benchmark by adding its class to {@code subcommands}.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure ser4j's speed on your files.",
        subcommands = {BenchmarkFeaturesCommand.class, BenchmarkClassifyCommand.class, BenchmarkTrainCommand.class,
            BenchmarkSoakCommand.class, BenchmarkStreamCommand.class})
public final class BenchmarkCommand implements Runnable {
    /** A command with its default options; picocli sets the options from the command line. */
    public BenchmarkCommand() {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A figure rounded to three decimals for the benchmarks' JSON lines. */
    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
