package smoke;

import java.nio.file.Path;
import org.ser4j.core.EmotionClassifier;
import org.ser4j.core.Prediction;
import org.ser4j.models.EmotionClassifiers;

/** The README snippet, verbatim, as a program: classifies the WAV file given as the first argument. */
public final class ClassifyClip {
    private ClassifyClip() {
    }

    public static void main(String[] args) throws Exception {
        Path clip = Path.of(args.length > 0 ? args[0] : "clip.wav");
        try (EmotionClassifier classifier = EmotionClassifiers.defaultClassifier()) {
            Prediction p = classifier.classify(clip);
            System.out.println(p.emotion() + " " + p.probability(p.emotion()));
        }
    }
}
