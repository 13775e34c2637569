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
 * SAVEE (Surrey Audio-Visual Expressed Emotion): {@code SP_eNN.wav}, e.g. {@code DC_a01.wav}, or
 * the original layout {@code DC/a01.wav} (speaker folder, no prefix).
 *
 * <p>Speaker {@code SP} is one of DC, JE, JK, KL (the speaker id, upper case); emotion {@code e}
 * is {@code a} anger, {@code d} disgust, {@code f} fear, {@code h} happy, {@code n} neutral,
 * {@code sa} sad, or {@code su} surprise (outside the six: always skipped); {@code NN} is the
 * sentence number, 01..15 for every emotion but neutral, 01..30 for neutral. Letter case is
 * ignored. SAVEE has no intensity ({@code ""}). A name {@code SP_letters digits} with a SAVEE
 * speaker, or {@code letters digits} in a folder named after a SAVEE speaker, is claimed, and
 * skipped unless every field is valid.
 */
public final class SaveeConvention implements CorpusConvention {
    /** The convention; it holds no state, so one instance can serve any number of scans. */
    public SaveeConvention() {
    }

    /** The corpus id. */
    public static final String CORPUS = "savee";
    /** The four speakers. */
    public static final Set<String> SPEAKERS = Set.of("DC", "JE", "JK", "KL");
    /** Sentences per emotion other than neutral. */
    public static final int SENTENCES = 15;
    /** Sentences of neutral. */
    public static final int NEUTRAL_SENTENCES = 30;

    private static final Pattern PREFIXED = Pattern.compile("([A-Za-z]{2})_([A-Za-z]{1,2})(\\d+)");
    private static final Pattern BARE = Pattern.compile("([A-Za-z]{1,2})(\\d+)");

    @Override
    public String corpus() {
        return CORPUS;
    }

    @Override
    public Optional<ParseOutcome> parse(Path file) {
        String stem = CorpusConvention.stem(file);
        String speaker;
        String code;
        String number;
        Matcher m = PREFIXED.matcher(stem);
        if (m.matches() && SPEAKERS.contains(m.group(1).toUpperCase(Locale.ROOT))) {
            speaker = m.group(1).toUpperCase(Locale.ROOT);
            code = m.group(2);
            number = m.group(3);
        } else {
            Matcher b = BARE.matcher(stem);
            Path parent = file.getParent();
            String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
            if (!b.matches() || !SPEAKERS.contains(folder.toUpperCase(Locale.ROOT))) {
                return Optional.empty();
            }
            speaker = folder.toUpperCase(Locale.ROOT);
            code = b.group(1);
            number = b.group(2);
        }
        String name = file.getFileName().toString();
        String lower = code.toLowerCase(Locale.ROOT);
        if (lower.equals("su")) {
            return Optional.of(new ParseOutcome.Skipped(name + ": SAVEE emotion su (surprise) is not one of the six emotions"));
        }
        Emotion e = emotion(lower);
        if (e == null) {
            return skip(name, "emotion code '" + code + "' is not one of a d f h n sa su");
        }
        int max = e == Emotion.NEUTRAL ? NEUTRAL_SENTENCES : SENTENCES;
        if (number.length() != 2 || Integer.parseInt(number) < 1 || Integer.parseInt(number) > max) {
            return skip(name, "sentence number " + number + " is not in 01.." + max + " for " + lower);
        }
        return Optional.of(new ParseOutcome.Labelled(new LabelledClip(file, e, speaker, CORPUS, "")));
    }

    /** The emotion of a lower-case SAVEE code of the six, or null. */
    private static Emotion emotion(String code) {
        return switch (code) {
            case "a" -> Emotion.ANGER;
            case "d" -> Emotion.DISGUST;
            case "f" -> Emotion.FEAR;
            case "h" -> Emotion.HAPPY;
            case "n" -> Emotion.NEUTRAL;
            case "sa" -> Emotion.SAD;
            default -> null;
        };
    }

    /**
     * The SAVEE code of an emotion of the six.
     *
     * @param e the emotion, not null
     * @return {@code a}, {@code d}, {@code f}, {@code h}, {@code n} or {@code sa}
     * @throws NullPointerException if {@code e} is null
     */
    public static String code(Emotion e) {
        return switch (e) {
            case ANGER -> "a";
            case DISGUST -> "d";
            case FEAR -> "f";
            case HAPPY -> "h";
            case NEUTRAL -> "n";
            case SAD -> "sa";
        };
    }

    /**
     * The prefixed SAVEE file name of a clip (the inverse of {@link #parse(Path)}).
     *
     * @param speaker one of {@link #SPEAKERS}, written as given
     * @param emotion one of the six, not null
     * @param sentence 1..15 (1..30 for neutral)
     * @return {@code SP_eNN.wav}, e.g. {@code "DC_a01.wav"}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the speaker is not a SAVEE speaker or the sentence is out
     *     of range
     */
    public static String fileName(String speaker, Emotion emotion, int sentence) {
        Objects.requireNonNull(emotion, "emotion");
        if (!SPEAKERS.contains(speaker)) {
            throw new IllegalArgumentException("speaker '" + speaker + "' is not one of DC JE JK KL");
        }
        int max = emotion == Emotion.NEUTRAL ? NEUTRAL_SENTENCES : SENTENCES;
        if (sentence < 1 || sentence > max) {
            throw new IllegalArgumentException("sentence " + sentence + " is not in 1.." + max + " for " + emotion.label());
        }
        return String.format(Locale.ROOT, "%s_%s%02d.wav", speaker, code(emotion), sentence);
    }

    private static Optional<ParseOutcome> skip(String name, String problem) {
        return Optional.of(new ParseOutcome.Skipped(name + ": looks like a SAVEE name but its " + problem));
    }
}
