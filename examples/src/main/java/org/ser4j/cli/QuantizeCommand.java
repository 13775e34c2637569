package org.ser4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ser4j.training.FeatureCache;
import org.ser4j.training.InputChecks;
import org.ser4j.training.ModelQuantization;
import org.ser4j.training.TrainingInputException;
import org.ser4j.training.nn.ValueRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ser4j quantize}: writes the int8 twin (static QDQ quantisation) of a float model ser4j
 * exported, calibrated on the features of clips from labelled corpus folders (cached, computed with
 * the model's own feature settings and standardisation). The output is written atomically.
 *
 * <p>Exit codes: 0 success; 1 the model was written but some clips could not be read (each named on
 * stderr), or the output could not be written; 2 bad input (missing or unreadable model, a model
 * that is not a ser4j float model, empty or missing data folder, bad numbers).
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Write the int8 (static QDQ) twin of an exported float model, calibrated on labelled WAV folders.")
public final class QuantizeCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public QuantizeCommand() {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The float model.onnx to quantise (as train or the bundled models wrote it).")
    Path model;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR",
            description = "Labelled corpus folder(s) the calibration clips are drawn from, ideally the training data: --data A B.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--clips", paramLabel = "N", defaultValue = "" + ModelQuantization.DEFAULT_CLIPS,
            description = "Calibration clips, drawn with a fixed seed when the folders hold more (default ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--percentile", paramLabel = "P", defaultValue = "100",
            description = "Calibrate each range to hold P %% of the values (e.g. 99.99) instead of all of them (default ${DEFAULT-VALUE} = min/max).")
    double percentile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The int8 model to write, e.g. mel-int8.onnx.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for features and calibration (default: all cores).")
    Integer threads;

    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache directory (default ~/.cache/ser4j/features).")
    Path cache;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            return usage(err, "model file " + model + (Files.exists(model) ? " is not a readable file" : " does not exist"));
        }
        if (Files.isDirectory(out)) {
            return usage(err, "output " + out + " is a directory; give the file to write (see --out FILE)");
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ModelQuantization.Outcome outcome;
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                InputChecks.outputDirectory(parent);
            }
            ModelQuantization.Request request = new ModelQuantization.Request(model, data, clips,
                    cache != null ? cache : FeatureCache.defaultDirectory(), n, out, percentile);
            outcome = ModelQuantization.run(request, line -> {
                stdout.println(line);
                stdout.flush();
            }, line -> {
                err.println(line);
                err.flush();
            });
        } catch (TrainingInputException e) {
            return usage(err, CliErrors.message(e));
        } catch (java.io.IOException e) {
            err.println(CliErrors.prefix(spec) + "cannot write " + out + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        List<ValueRange> ranges = outcome.ranges();
        for (int q = 0; q < ranges.size(); q++) {
            stdout.println(String.format(Locale.ROOT, "layer input %d: [%.5g, %.5g]", q + 1, ranges.get(q).min(), ranges.get(q).max()));
        }
        stdout.println("calibrated on " + outcome.clips() + " clip(s); wrote " + out);
        stdout.flush();
        if (outcome.failed() > 0) {
            err.println(CliErrors.prefix(spec) + outcome.failed() + " calibration clip(s) could not be read (listed above); "
                    + "the model was calibrated on the others");
            err.flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private int usage(PrintWriter err, String message) {
        err.println(CliErrors.prefix(spec) + message);
        err.flush();
        return ExitCodes.USAGE;
    }
}
