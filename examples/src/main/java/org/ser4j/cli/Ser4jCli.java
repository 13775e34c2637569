package org.ser4j.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ser4j} command: {@code java -jar examples/target/ser4j.jar <command> ...}.
 *
 * <p>When the JDK's Vector API module is not loaded, the tool relaunches itself once with
 * {@code --add-modules jdk.incubator.vector} so that training and benchmarks get the fast
 * kernels without the user passing a flag. Set {@code SER4J_NO_RELAUNCH=1} to disable.
 */
@Command(name = "ser4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Speech emotion recognition on the JVM.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ExtractFeaturesCommand.class,
            BenchmarkCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            QuantizeCommand.class,
            ClassifyCommand.class,
            ClassifyDirCommand.class,
            StreamCommand.class,
            ExploreCommand.class,
        })
public final class Ser4jCli implements Runnable {
    /** The top-level command; picocli adds the subcommands and sets its options. */
    public Ser4jCli() {
    }

    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** What the JDK prints on stderr at start-up when an incubator module is resolved. */
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: " + VECTOR_MODULE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Entry point.
     *
     * @param args a subcommand and its options, as picocli parses them (e.g.
     *     {@code classify --model mel clip.wav}); none prints the usage. Never returns normally: exits
     *     with the command's code, {@code 0} OK, {@code 1} some input or output failed (or an
     *     unexpected error), {@code 2} bad usage or nothing could be done; after a relaunch, with the
     *     relaunched JVM's code.
     * @throws Exception only from the relaunch: an {@link java.io.IOException} if the child JVM
     *     cannot be started, an {@link InterruptedException} if interrupted while waiting for it
     */
    public static void main(String[] args) throws Exception {
        if (shouldRelaunch()) {
            System.exit(relaunch(args));
        }
        int code;
        try {
            code = newCommandLine().execute(args);
        } catch (Error e) {
            // An Error no command caught (the classify commands catch theirs): one line, no stack trace.
            System.err.println("ser4j: stopped by " + e + (e instanceof OutOfMemoryError
                    ? "; give the JVM more heap (-Xmx) or lower --max-duration" : ""));
            code = ExitCodes.FAILED;
        }
        System.exit(code);
    }

    /**
     * The configured command line, for tests.
     *
     * @return a new picocli {@link CommandLine} for {@code ser4j} with case-insensitive enum values,
     *     whose unexpected exceptions become one line on stderr and exit code {@code 1}; it does not
     *     relaunch
     */
    public static CommandLine newCommandLine() {
        return new CommandLine(new Ser4jCli()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Ser4jCli::unexpected);
    }

    /**
     * A failure no command anticipated: one line naming the command and the exception, like every
     * other error line; the stack trace only when {@code SER4J_DEBUG} is set.
     */
    private static int unexpected(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": unexpected error: " + e
                + (System.getenv("SER4J_DEBUG") == null ? " (set SER4J_DEBUG=1 for the stack trace)" : ""));
        if (System.getenv("SER4J_DEBUG") != null) {
            e.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return ExitCodes.FAILED;
    }

    private static boolean shouldRelaunch() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent() || System.getenv("SER4J_NO_RELAUNCH") != null
                || Boolean.getBoolean("ser4j.relaunched")) {
            return false;
        }
        return ModuleFinderHolder.vectorModuleAvailable();
    }

    private static int relaunch(String[] args) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("--add-modules=" + VECTOR_MODULE);
        cmd.add("-Dser4j.relaunched=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Ser4jCli.class.getName());
        for (String a : args) {
            cmd.add(a);
        }
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread stderr = new Thread(() -> copyWithoutIncubatorWarning(p.getErrorStream(), System.err), "ser4j-stderr");
        stderr.setDaemon(true);
        stderr.start();
        int code = p.waitFor();
        stderr.join();
        return code;
    }

    /**
     * Copies the relaunched JVM's stderr, dropping the line the JDK prints whenever an incubator
     * module is in use: the relaunch is ser4j's own doing, so the warning would only be noise on
     * every run. Any other output passes through byte for byte, as soon as it differs from the
     * warning (progress lines without a newline are not held back).
     */
    static void copyWithoutIncubatorWarning(InputStream in, OutputStream out) {
        byte[] warning = INCUBATOR_WARNING.getBytes(StandardCharsets.UTF_8);
        try {
            int matched = 0;
            int b;
            while (matched < warning.length && (b = in.read()) >= 0) {
                if (b == warning[matched]) {
                    matched++;
                    continue;
                }
                out.write(warning, 0, matched);
                out.write(b);
                out.flush();
                matched = -1;
                break;
            }
            if (matched == warning.length) {
                int next = in.read();
                if (next == '\r') {
                    // the warning itself: skip its line ending
                    next = in.read();
                    if (next >= 0 && next != '\n') {
                        out.write(next);
                    }
                } else if (next >= 0 && next != '\n') {
                    // a longer line (e.g. the user added incubator modules of their own): keep it whole
                    out.write(warning);
                    out.write(next);
                }
            } else if (matched > 0) {
                out.write(warning, 0, matched);
            }
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the child's stderr closed under us: nothing more to copy
        }
        try {
            out.flush();
        } catch (IOException e) {
            // stderr is gone; nothing to report it on
        }
    }

    /** Whether the running JDK ships the Vector API module at all. */
    private static final class ModuleFinderHolder {
        static boolean vectorModuleAvailable() {
            return java.lang.module.ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent();
        }
    }
}
