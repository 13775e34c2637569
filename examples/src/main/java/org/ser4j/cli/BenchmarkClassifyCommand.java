package org.ser4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.ser4j.models.ClassificationResult;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.WindowedEmotionClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ser4j benchmark classify FILE...}: measures classification speed and prints one JSON
 * line.
 *
 * <ul>
 *   <li>{@code latencyMsPerClip}: median wall time of one {@code classify(Path)} call (decode,
 *       resample, features, inference) on one thread, with ONNX Runtime limited to one intra-op
 *       thread, after {@code --warmup} calls per file;</li>
 *   <li>{@code clipsPerSecond}: files classified per second by {@code classifyAll} using every
 *       core, over at least {@code --throughput-clips} clips (the files repeated), after one
 *       warm-up pass; {@code --parallelism}, {@code --inference-threads} and {@code --batch}
 *       change the classifier options of this run (each is printed in the line), so that the
 *       settings can be chosen by measurement on the machine at hand.</li>
 * </ul>
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Benchmark classification: median single-thread latency per clip and all-core throughput.",
            "Prints one JSON line."})
public final class BenchmarkClassifyCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public BenchmarkClassifyCommand() {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV files to classify.")
    List<Path> files;

    @Mixin
    ModelOption model;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "Warm-up calls per file before timing. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "30", description = "Timed single-thread calls (cycling over the files). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--throughput-clips", paramLabel = "N", defaultValue = "64",
            description = "Minimum clips in the all-core throughput run. Default: ${DEFAULT-VALUE}.")
    int throughputClips;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Worker threads of the throughput run (classifyAll). Default: the classifier's default, one per core.")
    Integer parallelism;

    @Option(names = "--inference-threads", paramLabel = "N",
            description = "ONNX Runtime intra-op threads per model in the throughput run; 0 = ONNX Runtime's choice. "
                    + "Default: the classifier's default.")
    Integer inferenceThreads;

    @Option(names = "--batch", paramLabel = "N",
            description = "Windows per ONNX Runtime call in the throughput run. Default: the classifier's default.")
    Integer batch;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (warmup < 0 || runs < 1 || throughputClips < 1) {
            err.println(CliErrors.prefix(spec) + "--warmup must be >= 0, --runs and --throughput-clips >= 1");
            return ExitCodes.USAGE;
        }
        ClassifierOptions throughputOptions;
        try {
            throughputOptions = throughputOptions();
        } catch (IllegalArgumentException e) {
            err.println(CliErrors.prefix(spec) + e.getMessage());
            return ExitCodes.USAGE;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<Path> good = new ArrayList<>();
        double[] latencies = new double[runs];
        String description;
        ClassifierOptions single = ClassifierOptions.defaults().withParallelism(1).withInferenceThreads(1);
        WindowedEmotionClassifier oneThread = model.open(single, err, CliErrors.prefix(spec));
        if (oneThread == null) {
            return ExitCodes.USAGE;
        }
        try (oneThread) {
            description = oneThread.description();
            for (Path f : files) {
                try {
                    for (int i = 0; i < Math.max(1, warmup); i++) {
                        oneThread.classify(f);
                    }
                    good.add(f);
                } catch (IOException | RuntimeException e) {
                    err.println(CliErrors.prefix(spec) + CliErrors.describe(f, e));
                }
            }
            if (good.isEmpty()) {
                err.println(CliErrors.prefix(spec) + "no file could be classified; nothing to benchmark");
                return ExitCodes.FAILED;
            }
            for (int i = 0; i < runs; i++) {
                Path f = good.get(i % good.size());
                long t0 = System.nanoTime();
                try {
                    oneThread.classify(f);
                } catch (IOException e) {
                    err.println(CliErrors.prefix(spec) + f + " became unreadable during the benchmark: " + e.getMessage());
                    return ExitCodes.FAILED;
                }
                latencies[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        List<Path> batch = new ArrayList<>();
        while (batch.size() < throughputClips) {
            batch.addAll(good);
        }
        double clipsPerSecond;
        WindowedEmotionClassifier allCores = model.open(throughputOptions, err, CliErrors.prefix(spec));
        if (allCores == null) {
            return ExitCodes.USAGE;
        }
        try (allCores) {
            allCores.classifyAll(good);
            long t0 = System.nanoTime();
            List<ClassificationResult> results = allCores.classifyAll(batch);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long ok = results.stream().filter(ClassificationResult::isSuccess).count();
            clipsPerSecond = ok / seconds;
        }
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("benchmark", "classify");
        o.put("model", description);
        o.put("files", good.size());
        o.put("latencyMsPerClip", BenchmarkCommand.round3(median(latencies)));
        o.put("clipsPerSecond", BenchmarkCommand.round3(clipsPerSecond));
        o.put("latencyRuns", runs);
        o.put("throughputClips", batch.size());
        o.put("threads", cores);
        o.put("parallelism", throughputOptions.parallelism());
        o.put("inferenceThreads", throughputOptions.inferenceThreads());
        o.put("batch", throughputOptions.batchSize());
        out.println(o.toString());
        out.flush();
        return good.size() == files.size() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The classifier defaults with the throughput options given on the command line. */
    private ClassifierOptions throughputOptions() {
        ClassifierOptions o = ClassifierOptions.defaults();
        if (parallelism != null) {
            o = o.withParallelism(parallelism);
        }
        if (inferenceThreads != null) {
            o = o.withInferenceThreads(inferenceThreads);
        }
        if (batch != null) {
            o = o.withBatchSize(batch);
        }
        return o;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
