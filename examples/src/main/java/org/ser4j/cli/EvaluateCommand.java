package org.ser4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ser4j.core.EmotionClassifier;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.training.ClassifierEvaluation;
import org.ser4j.training.InputChecks;
import org.ser4j.training.TrainingInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ser4j evaluate}: scores a bundled model ({@code time}, {@code mel}, {@code ensemble},
 * {@code default}) or an exported one on labelled corpus folders through ONNX Runtime and writes
 * {@code report.json}, {@code report.md}, {@code confusion.png} and {@code f1.png}, as
 * {@code train} does. A file of a bundled model's name wins over the bundled model.
 *
 * <p>Exit codes: 0 success; 1 some clips could not be classified (each named on stderr);
 * 2 bad input (unreadable model, empty or missing data folder, unwritable output).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a bundled or exported model on labelled WAV folders and write the same reports as train.")
public final class EvaluateCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public EvaluateCommand() {
    }

    /** Opens a model file as a classifier. */
    @FunctionalInterface
    interface ModelLoader {
        EmotionClassifier open(Path model) throws Exception;
    }

    /** Opens a bundled model by name as a classifier. */
    @FunctionalInterface
    interface BundledLoader {
        EmotionClassifier open(String name) throws Exception;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "time|mel|ensemble|default|FILE",
            description = "A bundled model (time, mel, ensemble, default) or the model.onnx to evaluate.")
    String model;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR", description = "Labelled corpus folder(s): --data A B or --data A --data B.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory for the reports.")
    Path out;

    /** How models are opened; replaced in tests. */
    ModelLoader loader = EmotionClassifiers::fromOnnx;
    BundledLoader bundledLoader = name -> EmotionClassifiers.bundled(name, ClassifierOptions.defaults());

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Path modelFile;
        try {
            modelFile = Path.of(model);
        } catch (java.nio.file.InvalidPathException e) {
            err.println(CliErrors.prefix(spec) + "model " + model + " is neither a bundled model nor a valid path: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        boolean bundled = ModelOption.namesBundledModel(model);
        if (!bundled && (!Files.isRegularFile(modelFile) || !Files.isReadable(modelFile))) {
            err.println(CliErrors.prefix(spec) + "model file " + model + (Files.exists(modelFile) ? " is not a readable file"
                    : " does not exist (bundled models: time, mel, ensemble, default)"));
            err.flush();
            return ExitCodes.USAGE;
        }
        try {
            InputChecks.dataDirectories(data);
            InputChecks.outputDirectory(out);
        } catch (TrainingInputException e) {
            err.println(CliErrors.prefix(spec) + CliErrors.message(e));
            err.flush();
            return ExitCodes.USAGE;
        }
        EmotionClassifier classifier;
        try {
            classifier = bundled ? bundledLoader.open(model) : loader.open(modelFile);
        } catch (TrainingInputException e) {
            err.println(CliErrors.prefix(spec) + CliErrors.message(e));
            err.flush();
            return ExitCodes.USAGE;
        } catch (Exception e) {
            err.println(CliErrors.prefix(spec) + "cannot load model " + model + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        try (classifier) {
            ClassifierEvaluation.Outcome o = ClassifierEvaluation.run(classifier, bundled ? "bundled " + model : model, data, out, line -> {
                stdout.println(line);
                stdout.flush();
            }, line -> {
                err.println(line);
                err.flush();
            });
            if (o.failedFiles() > 0) {
                err.println(CliErrors.prefix(spec) + o.failedFiles() + " clip(s) could not be classified (listed above and in report.json)");
                err.flush();
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        } catch (TrainingInputException e) {
            err.println(CliErrors.prefix(spec) + CliErrors.message(e));
            err.flush();
            return ExitCodes.USAGE;
        } catch (java.io.IOException e) {
            err.println(CliErrors.prefix(spec) + "cannot write the reports: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
    }
}
