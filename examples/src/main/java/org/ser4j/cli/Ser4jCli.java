package org.ser4j.cli;

import java.io.File;
import java.lang.management.ManagementFactory;
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
@Command(name = "ser4j", mixinStandardHelpOptions = true, version = "ser4j 0.1.0-SNAPSHOT",
        description = "Speech emotion recognition on the JVM.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ExtractFeaturesCommand.class,
            BenchmarkCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            ClassifyCommand.class,
            ClassifyDirCommand.class,
            ExploreCommand.class,
        })
public final class Ser4jCli implements Runnable {
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (shouldRelaunch()) {
            System.exit(relaunch(args));
        }
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, for tests. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new Ser4jCli()).setCaseInsensitiveEnumValuesAllowed(true);
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
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        return p.waitFor();
    }

    /** Whether the running JDK ships the Vector API module at all. */
    private static final class ModuleFinderHolder {
        static boolean vectorModuleAvailable() {
            return java.lang.module.ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent();
        }
    }
}
