package org.ser4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.ser4j.core.audio.Resampler;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.features.TimeDomainFeatures;
import org.ser4j.training.nn.Architectures;
import org.ser4j.training.nn.Network;
import org.ser4j.training.nn.SequentialNetwork;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ser4j benchmark train}: training speed (forward, backward and Adam) of the reference
 * architectures on synthetic standardised features, one JSON line per model and batch size, so
 * that it can be compared with another framework at the same batch size without any corpus.
 *
 * <p>{@code --extract-first} first extracts both feature spaces from synthetic audio (and
 * resamples it, as for a 24 kHz corpus) in the same JVM, as {@code train} does on new data. The
 * two figures must agree: on JDK 17 a second Vector API shape in the JVM once made training
 * 10-30x slower after feature extraction (see ser-features' README).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Benchmark training (forward + backward + Adam) on synthetic features.",
            "Prints one JSON line per model and batch size."})
public final class BenchmarkTrainCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public BenchmarkTrainCommand() {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", split = ",", paramLabel = "mel|time", defaultValue = "mel,time",
            description = "Models to time. Default: ${DEFAULT-VALUE}.")
    List<String> models;

    @Option(names = "--batch", split = ",", paramLabel = "N", defaultValue = "64,1024",
            description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores.")
    Integer threads;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "Minimum timed seconds per model and batch size, after two warm-up steps. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--extract-first", description = "Extract features of synthetic clips in this JVM before timing.")
    boolean extractFirst;

    @Option(names = "--per-layer", description = "After the timed steps, time as many steps again with per-layer timers and add "
            + "each layer's forward and backward milliseconds per step (thread time, all workers) and GFLOP/s to the line.")
    boolean perLayer;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1 || !(seconds > 0) || batches.stream().anyMatch(b -> b == null || b < 1)) {
            err.println(CliErrors.prefix(spec) + "--threads and --batch must be >= 1 and --seconds > 0");
            return ExitCodes.USAGE;
        }
        for (String m : models) {
            if (!m.equals("mel") && !m.equals("time")) {
                err.println(CliErrors.prefix(spec) + "unknown model '" + m + "' (use mel or time)");
                return ExitCodes.USAGE;
            }
        }
        double extractMs = extractFirst ? extractSyntheticClips() : 0;
        for (String m : models) {
            FeatureKind kind = m.equals("mel") ? FeatureKind.LOG_MEL : FeatureKind.TIME_DOMAIN;
            for (int batch : batches) {
                ObjectNode o = time(kind, batch, workers);
                o.put("afterFeatureExtraction", extractFirst);
                if (extractFirst) {
                    o.put("extractionMsPerClip", BenchmarkCommand.round3(extractMs));
                }
                out.println(o.toString());
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    private ObjectNode time(FeatureKind kind, int batch, int workers) {
        SplittableRandom random = new SplittableRandom(42);
        try (Network net = Architectures.build(kind, 1.0, 42, workers)) {
            int length = net.inputLength();
            float[] x = new float[Math.multiplyExact(batch, length)];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) gaussian(random);
            }
            int[] y = new int[batch];
            for (int i = 0; i < batch; i++) {
                y[i] = random.nextInt(Architectures.CLASSES);
            }
            net.trainStep(x, y, batch);
            net.trainStep(x, y, batch);
            int steps = 0;
            long t0 = System.nanoTime();
            long elapsed;
            do {
                net.trainStep(x, y, batch);
                steps++;
                elapsed = System.nanoTime() - t0;
            } while (elapsed < seconds * 1e9);
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("benchmark", "train");
            o.put("model", kind.id());
            o.put("batch", batch);
            o.put("threads", workers);
            o.put("steps", steps);
            o.put("samplesPerSecond", Math.round(steps * (double) batch / (elapsed / 1e9) * 10) / 10.0);
            o.put("kernels", net instanceof SequentialNetwork s ? s.kernelName() : "?");
            if (perLayer && net instanceof SequentialNetwork s) {
                o.set("layers", profile(s, x, y, batch, steps));
            }
            o.put("cpu", cpuName());
            o.put("java", Runtime.version().toString());
            return o;
        }
    }

    /** Runs {@code steps} more steps with the per-layer timers on; per layer and pass, ms per step and GFLOP/s. */
    private static com.fasterxml.jackson.databind.node.ArrayNode profile(SequentialNetwork net, float[] x, int[] y, int batch, int steps) {
        net.setProfiling(true);
        for (int i = 0; i < steps; i++) {
            net.trainStep(x, y, batch);
        }
        org.ser4j.training.nn.LayerProfile p = net.layerProfile();
        net.setProfiling(false);
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode layers = json.createArrayNode();
        for (org.ser4j.training.nn.LayerProfile.LayerTime t : p.layers()) {
            ObjectNode l = layers.addObject();
            l.put("layer", t.layer());
            l.put("forwardMsPerStep", BenchmarkCommand.round3(t.forwardNanos() / 1e6 / p.steps()));
            l.put("backwardMsPerStep", BenchmarkCommand.round3(t.backwardNanos() / 1e6 / p.steps()));
            if (t.forwardFlopsPerSample() > 0) {
                // backward: the input and the weight gradients, each as many multiply-adds as the forward pass
                l.put("forwardGflops", BenchmarkCommand.round3(t.forwardFlopsPerSample() * (double) p.samples() / Math.max(1, t.forwardNanos())));
                l.put("backwardGflops", BenchmarkCommand.round3(2.0 * t.forwardFlopsPerSample() * p.samples() / Math.max(1, t.backwardNanos())));
            }
        }
        ObjectNode reduce = layers.addObject();
        reduce.put("layer", "gradient reduction + L2 (wall)");
        reduce.put("msPerStep", BenchmarkCommand.round3(p.reduceNanos() / 1e6 / p.steps()));
        ObjectNode adam = layers.addObject();
        adam.put("layer", "Adam update (wall)");
        adam.put("msPerStep", BenchmarkCommand.round3(p.optimizerNanos() / 1e6 / p.steps()));
        return layers;
    }

    /** Extracts both feature spaces from 200 synthetic 5 s clips (half resampled from 24,414 Hz); ms per clip. */
    private static double extractSyntheticClips() {
        SplittableRandom random = new SplittableRandom(7);
        FeatureExtractor mel = new LogMelSpectrogram();
        FeatureExtractor time = new TimeDomainFeatures();
        float[] clip = new float[80_080];
        int clips = 200;
        double sink = 0;
        long t0 = System.nanoTime();
        for (int c = 0; c < clips; c++) {
            double f = 100 + random.nextInt(2000);
            for (int i = 0; i < clip.length; i++) {
                clip[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / 16_000.0) + 0.01 * gaussian(random));
            }
            float[] samples = c % 2 == 0 ? clip : Resampler.resample(clip, 24_414, 16_000);
            sink += mel.extract(samples)[c % 100] + time.extract(samples)[c % 100];
        }
        double ms = (System.nanoTime() - t0) / 1e6 / clips;
        return Double.isNaN(sink) ? -ms : ms;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on JDK 17
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** The CPU's model name from /proc/cpuinfo (Linux), else the architecture. */
    static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall back below
        }
        return System.getProperty("os.arch");
    }
}
