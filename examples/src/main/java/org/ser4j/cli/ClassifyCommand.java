package org.ser4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.WindowedEmotionClassifier;
import org.ser4j.models.Timeline;
import org.ser4j.models.WindowPrediction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ser4j classify FILE...}: the emotion of each WAV file, one line per file (or one JSON
 * object per line with {@code --json}), optionally with the per-window timeline.
 *
 * <p>Each file's line is printed as soon as it and every file before it are classified, so a
 * long run shows its results as it goes and a run that is stopped keeps every line printed.
 *
 * <p>Exit code 0 when every file was classified, 1 when some file failed (each failure is one
 * line on stderr) or the run was stopped by an error such as running out of memory, 2 for bad
 * usage or a model that cannot be loaded.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Classify the emotion in audio files: WAV, FLAC, MP3 or Ogg Vorbis, found by content (any sample rate, any channels).",
            "FILE - reads one recording from standard input.",
            "Prints: file, emotion, confidence, then all six probabilities.",
            "Clips longer than the model window (5.005 s) are classified by overlapping windows whose probabilities are averaged."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every file classified", "1:some file could not be classified, or the run was stopped (e.g. out of memory)",
            "2:bad usage or unusable model"})
public final class ClassifyCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public ClassifyCommand() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files to classify; - alone reads standard input.")
    List<Path> files;

    /** Standard input, for {@code -} (a field so tests can supply one). */
    java.io.InputStream stdin = System.in;

    @Option(names = "--json", description = "Print one JSON object per line instead of text.")
    boolean json;

    @Mixin
    ModelOption model;

    @Option(names = "--timeline", description = "Also print the prediction of every analysis window.")
    boolean timeline;

    @Option(names = "--hop-samples", paramLabel = "N", defaultValue = "" + ClassifierOptions.DEFAULT_HOP_SAMPLES,
            description = "Hop between analysis windows of long clips, in samples at the model's rate (16 kHz). Default: ${DEFAULT-VALUE} (2.5 s).")
    int hopSamples;

    @Mixin
    MaxDurationOption maxDuration;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClassifierOptions options;
        try {
            options = ClassifierOptions.defaults().withHopSamples(hopSamples).withMaxDuration(maxDuration.maxDuration);
        } catch (IllegalArgumentException e) {
            err.println(CliErrors.prefix(spec) + "--hop-samples: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        WindowedEmotionClassifier classifier = model.open(options, err, CliErrors.prefix(spec));
        if (classifier == null) {
            return ExitCodes.USAGE;
        }
        int[] counts = new int[2]; // done, failed
        if (files.size() == 1 && files.get(0).toString().equals("-")) {
            return classifyStdin(classifier, out, err);
        }
        if (files.stream().anyMatch(f -> f.toString().equals("-"))) {
            classifier.close();
            err.println(CliErrors.prefix(spec) + "- (standard input) must be the only FILE");
            return ExitCodes.USAGE;
        }
        try (classifier) {
            classifier.classifyEach(files, r -> {
                counts[0]++;
                if (r.isSuccess()) {
                    print(out, r.path(), r.timeline().orElseThrow());
                } else {
                    counts[1]++;
                    err.println(CliErrors.prefix(spec) + r.error().orElseThrow());
                    err.flush();
                }
            });
        } catch (Error e) {
            err.println(CliErrors.prefix(spec) + CliErrors.stopped(e, counts[0], files.size()));
            err.flush();
            return ExitCodes.FAILED;
        }
        return counts[1] == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The one recording on standard input, found by its content. */
    private int classifyStdin(WindowedEmotionClassifier classifier, PrintWriter out, PrintWriter err) {
        try (classifier) {
            Timeline t = classifier.classifyTimeline(stdin);
            print(out, Path.of("-"), t);
            return ExitCodes.OK;
        } catch (java.io.IOException | RuntimeException e) {
            err.println(CliErrors.prefix(spec) + "standard input: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        } catch (Error e) {
            err.println(CliErrors.prefix(spec) + CliErrors.stopped(e, 0, 1));
            err.flush();
            return ExitCodes.FAILED;
        }
    }

    private void print(PrintWriter out, Path file, Timeline t) {
        if (json) {
            out.println(toJson(file, t, timeline));
        } else {
            out.println(file + "  " + describe(t.overall()));
            if (timeline) {
                for (WindowPrediction w : t.windows()) {
                    out.println(windowLine(w));
                }
            }
        }
        out.flush();
    }

    /** A window's line of {@code --timeline} (and of {@code stream}): {@code "     2.503-   7.508s  happy 0.6210  anger=..."}. */
    static String windowLine(WindowPrediction w) {
        return String.format(Locale.ROOT, "  %8.3f-%8.3fs  %s", w.startSeconds(), w.endSeconds(), describe(w.prediction()));
    }

    /** {@code "happy 0.6210  anger=0.0500 disgust=... sad=0.0400"}. */
    static String describe(Prediction p) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-7s %.4f ", p.emotion().label(), p.probability(p.emotion())));
        for (Emotion e : Emotion.values()) {
            sb.append(String.format(Locale.ROOT, " %s=%.4f", e.label(), p.probability(e)));
        }
        return sb.toString();
    }

    /** One JSON object: file, emotion, confidence, probabilities, duration and optionally the windows. */
    static String toJson(Path file, Timeline t, boolean withWindows) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file.toString());
        putPrediction(o, t.overall());
        o.put("durationSeconds", t.durationSeconds());
        if (withWindows) {
            ArrayNode windows = o.putArray("windows");
            for (WindowPrediction w : t.windows()) {
                ObjectNode wo = windows.addObject();
                wo.put("startSeconds", w.startSeconds());
                wo.put("endSeconds", w.endSeconds());
                putPrediction(wo, w.prediction());
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static void putPrediction(ObjectNode o, Prediction p) {
        o.put("emotion", p.emotion().label());
        o.put("confidence", p.probability(p.emotion()));
        ObjectNode probs = o.putObject("probabilities");
        for (Emotion e : Emotion.values()) {
            probs.put(e.label(), p.probability(e));
        }
    }
}
