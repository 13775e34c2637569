package org.ser4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.ser4j.core.EmotionClassifier;
import org.ser4j.core.Prediction;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.ModelLoadException;

/**
 * Classifies one WAV file with the default bundled model: the README's snippet as a program.
 *
 * <pre>java -cp examples/target/ser4j.jar org.ser4j.examples.ClassifyFile samples/ser4j-sample.wav</pre>
 */
public final class ClassifyFile {
    private ClassifyFile() {
    }

    /**
     * Classifies {@code args[0]} (default: {@code samples/ser4j-sample.wav}).
     *
     * @param args optionally the WAV file to classify, relative to the working directory; further
     *     arguments are ignored. Prints the top emotion with its probability, then the whole
     *     prediction; on a read or model-loading error prints one line on stderr and exits with code 1.
     */
    public static void main(String[] args) {
        Path wav = Path.of(args.length > 0 ? args[0] : "samples/ser4j-sample.wav");
        try (EmotionClassifier classifier = EmotionClassifiers.defaultClassifier()) {
            Prediction p = classifier.classify(wav);
            System.out.println(p.emotion() + " " + p.probability(p.emotion()));
            System.out.println(p);
        } catch (IOException | ModelLoadException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
