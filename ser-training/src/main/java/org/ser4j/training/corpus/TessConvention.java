package org.ser4j.training.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ser4j.core.Emotion;

/**
 * TESS (Toronto Emotional Speech Set): {@code SPK_word_emotion.wav}, e.g. {@code OAF_back_fear.wav},
 * as distributed under folders such as {@code OAF_Fear/}.
 *
 * <p>Speaker {@code SPK} is {@code OAF} (older) or {@code YAF} (younger actress), the speaker id
 * written in upper case; {@code word} is the target word (letters); {@code emotion} is one of
 * angry, disgust, fear, happy, neutral, sad, or {@code ps} (pleasant surprise), which is skipped,
 * or labelled happy under {@link ScanOptions.SurpriseExtras#PLEASANT_SURPRISE_AS_HAPPY}. Only the
 * file name is read: the folder names of the distribution vary in case and spelling. Letter case
 * is ignored. TESS has no intensity ({@code ""}). Any name of three underscore-separated letter
 * fields whose first is OAF or YAF is claimed, and skipped unless every field is valid.
 */
public final class TessConvention implements CorpusConvention {
    /** The corpus id. */
    public static final String CORPUS = "tess";
    /** The two speakers. */
    public static final Set<String> SPEAKERS = Set.of("OAF", "YAF");
    /** The emotion words of the six, as written in file names (lower case). */
    public static final Set<String> EMOTION_WORDS = Set.of("angry", "disgust", "fear", "happy", "neutral", "sad");
    /** The emotion word of pleasant surprise, outside the six. */
    public static final String PLEASANT_SURPRISE = "ps";

    private static final Pattern SHAPE = Pattern.compile("([Oo][Aa][Ff]|[Yy][Aa][Ff])_([A-Za-z]*)_([A-Za-z]*)");

    private final ScanOptions.SurpriseExtras extras;

    /**
     * A convention handling pleasant surprise as {@code extras} says.
     *
     * @param extras whether {@code ps} clips are skipped or labelled happy; not null
     * @throws NullPointerException if {@code extras} is null
     */
    public TessConvention(ScanOptions.SurpriseExtras extras) {
        this.extras = Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String corpus() {
        return CORPUS;
    }

    @Override
    public Optional<ParseOutcome> parse(Path file) {
        Matcher m = SHAPE.matcher(CorpusConvention.stem(file));
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        String speaker = m.group(1).toUpperCase(Locale.ROOT);
        if (m.group(2).isEmpty()) {
            return skip(name, "target word is empty");
        }
        String word = m.group(3).toLowerCase(Locale.ROOT);
        Emotion e;
        if (word.equals(PLEASANT_SURPRISE)) {
            if (extras != ScanOptions.SurpriseExtras.PLEASANT_SURPRISE_AS_HAPPY) {
                return Optional.of(new ParseOutcome.Skipped(name + ": TESS emotion ps (pleasant surprise) is not one of the six"
                        + " emotions (use ScanOptions.SurpriseExtras.PLEASANT_SURPRISE_AS_HAPPY to label it happy)"));
            }
            e = Emotion.HAPPY;
        } else {
            e = emotion(word);
            if (e == null) {
                return skip(name, "emotion word '" + m.group(3) + "' is not one of angry disgust fear happy neutral sad ps");
            }
        }
        return Optional.of(new ParseOutcome.Labelled(new LabelledClip(file, e, speaker, CORPUS, "")));
    }

    /** The emotion of a lower-case TESS emotion word of the six, or null. */
    private static Emotion emotion(String word) {
        return switch (word) {
            case "angry" -> Emotion.ANGER;
            case "disgust" -> Emotion.DISGUST;
            case "fear" -> Emotion.FEAR;
            case "happy" -> Emotion.HAPPY;
            case "neutral" -> Emotion.NEUTRAL;
            case "sad" -> Emotion.SAD;
            default -> null;
        };
    }

    /**
     * The TESS file name of a clip (the inverse of {@link #parse(Path)}).
     *
     * @param speaker {@code "OAF"} or {@code "YAF"} (any case; written as given)
     * @param word the target word, one or more ASCII letters, e.g. {@code "back"}
     * @param emotion one of the six, not null; written as its TESS word, e.g. {@code fear}
     * @return {@code speaker_word_emotion.wav}, e.g. {@code "OAF_back_fear.wav"}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the speaker is not OAF or YAF, or the word is not letters
     */
    public static String fileName(String speaker, String word, Emotion emotion) {
        Objects.requireNonNull(emotion, "emotion");
        if (!SPEAKERS.contains(speaker.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("speaker '" + speaker + "' is not OAF or YAF");
        }
        if (!word.matches("[A-Za-z]+")) {
            throw new IllegalArgumentException("word '" + word + "' is not one or more ASCII letters");
        }
        return speaker + "_" + word + "_" + word(emotion) + ".wav";
    }

    /**
     * The TESS emotion word of an emotion of the six.
     *
     * @param e the emotion, not null
     * @return {@code angry}, {@code disgust}, {@code fear}, {@code happy}, {@code neutral} or {@code sad}
     * @throws NullPointerException if {@code e} is null
     */
    public static String word(Emotion e) {
        return switch (e) {
            case ANGER -> "angry";
            case DISGUST -> "disgust";
            case FEAR -> "fear";
            case HAPPY -> "happy";
            case NEUTRAL -> "neutral";
            case SAD -> "sad";
        };
    }

    private static Optional<ParseOutcome> skip(String name, String problem) {
        return Optional.of(new ParseOutcome.Skipped(name + ": looks like a TESS name but its " + problem));
    }
}
