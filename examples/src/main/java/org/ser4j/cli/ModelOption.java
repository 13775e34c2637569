package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;
import picocli.CommandLine.Option;

/**
 * The {@code --model} option of the commands that classify audio (a picocli mixin), and opening
 * the classifier it names: a bundled name ({@code time}, {@code mel}, {@code ensemble},
 * {@code default}) or the path of an ONNX model exported by ser-training.
 */
final class ModelOption {
    @Option(names = "--model", paramLabel = "time|mel|ensemble|PATH", defaultValue = "default",
            description = "Bundled model (time, mel, ensemble, default) or the path of an ONNX model exported by ser-training. Default: ${DEFAULT-VALUE}.")
    String model = "default";

    /**
     * Whether {@code model} means a bundled model: one of the bundled names, with no file of that
     * name in the working directory (a file wins, so an exported model called {@code mel} can
     * still be used).
     *
     * @throws java.nio.file.InvalidPathException if it is neither a bundled name nor a valid path
     */
    static boolean namesBundledModel(String model) {
        return EmotionClassifiers.isBundledName(model) && !Files.exists(Path.of(model));
    }

    /**
     * Opens the classifier named by the option. A file of that name wins over a bundled model of
     * the same name. On failure prints one line on {@code err}, starting with {@code errorPrefix}
     * (no stack trace), and returns null.
     */
    WindowedEmotionClassifier open(ClassifierOptions options, PrintWriter err, String errorPrefix) {
        try {
            if (namesBundledModel(model)) {
                return EmotionClassifiers.bundled(model, options);
            }
            return EmotionClassifiers.fromOnnx(Path.of(model), options);
        } catch (IOException e) {
            err.println(errorPrefix + "cannot load model " + model + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            err.println(errorPrefix + "cannot load model " + model + ": " + e.getCause().getMessage());
        } catch (RuntimeException e) {
            err.println(errorPrefix + "cannot load model " + model + ": " + e.getMessage());
        }
        return null;
    }
}
