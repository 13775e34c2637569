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
import org.ser4j.core.audio.Resampler;
import org.ser4j.core.audio.AudioFiles;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.features.TimeDomainFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ser4j benchmark features file.wav...}: decodes the files, warms the JIT up, then times
 * each extractor single-threaded on every clip, including everything after decoding (resampling
 * to 16 kHz, pad/trim and the features), and prints one JSON line:
 * {@code {"melMsPerClip":..., "timeMsPerClip":..., "clips":..., "melKernel":..., "melP10Ms":...,
 * "melP90Ms":..., "timeP10Ms":..., "timeP90Ms":...}}: the median milliseconds per clip of each
 * extractor, the mel kernel that ran ({@code vector-...} or {@code portable}: the latter means the
 * JVM lacked {@code jdk.incubator.vector}), and the 10th and 90th percentiles of the per-clip
 * times (their spread comes from the clips' lengths, as frames of padding are skipped, and from
 * the machine's load). Undecodable files get one stderr line each and make the exit code 1.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Median ms per clip of the log-mel and time-domain extractors (single thread, after decoding).")
public final class BenchmarkFeaturesCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public BenchmarkFeaturesCommand() {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--warmup-ms", defaultValue = "3000", description = "JIT warm-up time per extractor in ms (default ${DEFAULT-VALUE}).")
    long warmupMs;

    @Option(names = "--min-runs", defaultValue = "300", description = "Timed runs per extractor at least (default ${DEFAULT-VALUE}).")
    int minRuns;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV files.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<AudioClip> clips = new ArrayList<>();
        int failed = 0;
        for (Path file : files) {
            try {
                clips.add(AudioFiles.read(file));
            } catch (IOException | IllegalArgumentException e) {
                failed++;
                err.println(CliErrors.prefix(spec) + CliErrors.describe(file, e));
            } catch (RuntimeException e) {
                failed++;
                err.println(CliErrors.prefix(spec) + file + ": unexpected error: " + e);
            }
        }
        err.flush();
        if (clips.isEmpty()) {
            err.println(CliErrors.prefix(spec) + "no decodable input");
            err.flush();
            return ExitCodes.FAILED;
        }
        if (warmupMs < 0 || minRuns < 1) {
            err.println(CliErrors.prefix(spec) + "--warmup-ms must be >= 0 and --min-runs >= 1");
            err.flush();
            return ExitCodes.USAGE;
        }
        FeatureConfig config = FeatureConfig.DEFAULT;
        LogMelSpectrogram mel = new LogMelSpectrogram(config);
        Timing melTiming = measure(mel, clips);
        Timing timeTiming = measure(new TimeDomainFeatures(config), clips);
        ObjectNode json = JSON.createObjectNode();
        json.put("melMsPerClip", round(melTiming.median()));
        json.put("timeMsPerClip", round(timeTiming.median()));
        json.put("clips", clips.size());
        json.put("melKernel", mel.kernelName());
        json.put("melP10Ms", round(melTiming.p10()));
        json.put("melP90Ms", round(melTiming.p90()));
        json.put("timeP10Ms", round(timeTiming.p10()));
        json.put("timeP90Ms", round(timeTiming.p90()));
        spec.commandLine().getOut().println(json.toString());
        spec.commandLine().getOut().flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * Per-clip wall times in milliseconds: the median (the figure the command is for) and the
     * 10th and 90th percentiles.
     */
    record Timing(double median, double p10, double p90) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static double round(double ms) {
        return Math.round(ms * 1e4) / 1e4;
    }

    /** Warm-up, then the distribution of per-clip wall times of resample + extract. */
    private Timing measure(FeatureExtractor extractor, List<AudioClip> clips) {
        long sink = 0;
        long warmEnd = System.nanoTime() + warmupMs * 1_000_000L;
        do {
            for (AudioClip c : clips) {
                sink += run(extractor, c);
            }
        } while (System.nanoTime() < warmEnd);
        int rounds = Math.max(1, (minRuns + clips.size() - 1) / clips.size());
        long[] times = new long[rounds * clips.size()];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (AudioClip c : clips) {
                long t0 = System.nanoTime();
                sink += run(extractor, c);
                times[k++] = System.nanoTime() - t0;
            }
        }
        if (sink == 42) {
            spec.commandLine().getErr().print(""); // keeps the results alive for the JIT
        }
        Arrays.sort(times);
        double median = times.length % 2 == 1 ? times[times.length / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2.0;
        return new Timing(median / 1e6, percentile(times, 0.10) / 1e6, percentile(times, 0.90) / 1e6);
    }

    /** The nearest-rank percentile {@code p} of sorted {@code times}. */
    static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static int run(FeatureExtractor extractor, AudioClip clip) {
        int rate = extractor.config().sampleRate();
        AudioClip at = clip.sampleRate() == rate ? clip : Resampler.resample(clip, rate);
        float[] f = extractor.extract(at.samples());
        return Float.floatToRawIntBits(f[f.length / 2]);
    }
}
