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
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFiles;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.EmotionStream;
import org.ser4j.models.WindowPrediction;
import org.ser4j.models.WindowedEmotionClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ser4j benchmark stream FILE...}: the streaming API's speed, one JSON line. Each file is
 * decoded first (not timed), then pushed into an {@link EmotionStream} at its own rate in chunks
 * of {@code --chunk-ms}, as fast as possible, after {@code --warmup} untimed passes.
 *
 * <ul>
 *   <li>{@code latencyMs} (median, p10, p90): the wall time of each push that completes a window,
 *       from the call with the chunk holding the window's last sample to the return of that
 *       window's prediction (resampling the chunk, features, inference);</li>
 *   <li>{@code realtimeFactor}: seconds of audio streamed per second of wall time, all pushes and
 *       flushes included (above 1: faster than real time);</li>
 *   <li>{@code pushMs} median: a push that completes no window.</li>
 * </ul>
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Benchmark the streaming API: latency from the chunk completing a window to its prediction",
            "(median, 10th, 90th percentile ms) and the realtime factor. Prints one JSON line."})
public final class BenchmarkStreamCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public BenchmarkStreamCommand() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recordings to stream (WAV, FLAC, MP3, Ogg Vorbis).")
    List<Path> files;

    @Mixin
    ModelOption model;

    @Option(names = "--chunk-ms", paramLabel = "MS", defaultValue = "100",
            description = "Audio per pushed chunk, milliseconds. Default: ${DEFAULT-VALUE}.")
    int chunkMs;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Untimed passes over the files first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Timed passes over the files. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--inference-threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime intra-op threads (0: its default, one per core). Default: ${DEFAULT-VALUE}.")
    int inferenceThreads;

    /** What one timed pass measured. */
    private record Pass(List<Long> windowNanos, List<Long> pushNanos, long totalNanos, double audioSeconds) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (chunkMs < 1 || chunkMs > 60_000 || warmup < 0 || runs < 1) {
            err.println(CliErrors.prefix(spec) + "--chunk-ms must be 1 to 60000, --runs >= 1, --warmup >= 0");
            return ExitCodes.USAGE;
        }
        List<AudioClip> clips = new ArrayList<>();
        for (Path f : files) {
            try {
                clips.add(AudioFiles.read(f));
            } catch (IOException | RuntimeException e) {
                err.println(CliErrors.prefix(spec) + CliErrors.describe(f, e));
            }
        }
        if (clips.isEmpty()) {
            err.println(CliErrors.prefix(spec) + "no file could be decoded; nothing to benchmark");
            return ExitCodes.FAILED;
        }
        ClassifierOptions options;
        try {
            options = ClassifierOptions.defaults().withInferenceThreads(inferenceThreads);
        } catch (IllegalArgumentException e) {
            err.println(CliErrors.prefix(spec) + "--inference-threads: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        WindowedEmotionClassifier classifier = model.open(options, err, CliErrors.prefix(spec));
        if (classifier == null) {
            return ExitCodes.USAGE;
        }
        List<Long> windows = new ArrayList<>();
        List<Long> pushes = new ArrayList<>();
        long total = 0;
        double audio = 0;
        String description;
        try (classifier) {
            description = classifier.description();
            for (int i = 0; i < warmup; i++) {
                pass(classifier, clips);
            }
            for (int i = 0; i < runs; i++) {
                Pass p = pass(classifier, clips);
                windows.addAll(p.windowNanos());
                pushes.addAll(p.pushNanos());
                total += p.totalNanos();
                audio += p.audioSeconds();
            }
        }
        long[] w = windows.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] q = pushes.stream().mapToLong(Long::longValue).sorted().toArray();
        ObjectNode o = JSON.createObjectNode();
        o.put("benchmark", "stream");
        o.put("model", description);
        o.put("files", clips.size());
        o.put("chunkMs", chunkMs);
        o.put("audioSeconds", BenchmarkCommand.round3(audio));
        o.put("windows", w.length); // completed by pushes; the flush's last windows are not latencies
        if (w.length > 0) {
            ObjectNode lat = o.putObject("latencyMs");
            lat.put("median", BenchmarkCommand.round3(median(w) / 1e6));
            lat.put("p10", BenchmarkCommand.round3(BenchmarkFeaturesCommand.percentile(w, 0.10) / 1e6));
            lat.put("p90", BenchmarkCommand.round3(BenchmarkFeaturesCommand.percentile(w, 0.90) / 1e6));
        }
        if (q.length > 0) {
            o.put("pushMsMedian", BenchmarkCommand.round3(median(q) / 1e6));
        }
        o.put("realtimeFactor", BenchmarkCommand.round3(audio / (total / 1e9)));
        o.put("inferenceThreads", inferenceThreads);
        o.put("threads", Runtime.getRuntime().availableProcessors());
        out.println(o.toString());
        out.flush();
        return clips.size() == files.size() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Pass pass(WindowedEmotionClassifier classifier, List<AudioClip> clips) {
        List<Long> windowNanos = new ArrayList<>();
        List<Long> pushNanos = new ArrayList<>();
        long total = 0;
        double seconds = 0;
        for (AudioClip clip : clips) {
            float[] x = clip.samples();
            int step = (int) Math.max(1, Math.round(clip.sampleRate() * (double) chunkMs / 1000));
            long start = System.nanoTime();
            try (EmotionStream stream = classifier.openStream(clip.sampleRate())) {
                for (int pos = 0; pos < x.length; pos += step) {
                    long t0 = System.nanoTime();
                    List<WindowPrediction> done = stream.push(x, pos, Math.min(step, x.length - pos));
                    long t = System.nanoTime() - t0;
                    if (done.isEmpty()) {
                        pushNanos.add(t);
                    }
                    for (int w = 0; w < done.size(); w++) {
                        windowNanos.add(t); // every window of the push is returned when it returns
                    }
                }
                stream.flush();
            }
            total += System.nanoTime() - start;
            seconds += clip.durationSeconds();
        }
        return new Pass(windowNanos, pushNanos, total, seconds);
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
