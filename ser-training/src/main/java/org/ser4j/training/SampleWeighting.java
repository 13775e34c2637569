package org.ser4j.training;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ser4j.training.corpus.LabelledClip;

/**
 * Per-sample loss weights that keep one class, speaker or corpus from dominating training: every
 * group (a class, a speaker, or a corpus and class) gets the same total weight, split evenly over
 * its clips. Weights are scaled to a mean of 1 over the training clips, so the loss keeps its usual
 * size; the engine averages the batch loss with them ({@code sum w_i ce_i / sum w_i}).
 */
public enum SampleWeighting {
    /** Every clip weighs 1 (the notebook's recipe). */
    NONE("none"),
    /** Every emotion has the same total weight. */
    CLASS("class"),
    /** Every speaker ({@link LabelledClip#speakerKey()}) has the same total weight. */
    SPEAKER("speaker"),
    /**
     * Every (corpus, emotion) pair that occurs has the same total weight: corpora weigh the same
     * whatever their size, and within a corpus the classes are balanced.
     */
    CORPUS_CLASS("corpus-class");

    private final String id;

    SampleWeighting(String id) {
        this.id = id;
    }

    /**
     * Command-line id: {@code none}, {@code class}, {@code speaker} or {@code corpus-class}.
     *
     * @return the lower-case id, as written to reports and accepted by {@link #fromId(String)}
     */
    public String id() {
        return id;
    }

    /**
     * The weighting with the given id (case-insensitive, {@code _} counts as {@code -}).
     *
     * @param id a command-line id, not null; surrounding whitespace is ignored
     * @return the matching weighting, or empty if {@code id} names none
     * @throws NullPointerException if {@code id} is null
     */
    public static Optional<SampleWeighting> fromId(String id) {
        String norm = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (SampleWeighting w : values()) {
            if (w.id.equals(norm)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /**
     * The weight of each clip.
     *
     * @param clips the training clips, no null element
     * @return one positive weight per clip, in input order, with mean 1 (all 1 for {@link #NONE}
     *     and for an empty list)
     * @throws NullPointerException if {@code clips} or an element is null
     */
    public float[] weights(List<LabelledClip> clips) {
        float[] w = new float[clips.size()];
        Function<LabelledClip, String> group = switch (this) {
            case NONE -> c -> "";
            case CLASS -> c -> c.emotion().name();
            case SPEAKER -> LabelledClip::speakerKey;
            case CORPUS_CLASS -> c -> c.corpus() + "\u0000" + c.emotion().name();
        };
        Map<String, Integer> counts = new HashMap<>();
        for (LabelledClip c : clips) {
            counts.merge(group.apply(c), 1, Integer::sum);
        }
        // each group's clips share weight n / groups, so the weights sum to n (mean 1)
        double perGroup = (double) clips.size() / Math.max(1, counts.size());
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (perGroup / counts.get(group.apply(clips.get(i))));
        }
        return w;
    }
}
