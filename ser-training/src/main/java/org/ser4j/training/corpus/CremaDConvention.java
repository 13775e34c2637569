package org.ser4j.training.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ser4j.core.Emotion;

/**
 * CREMA-D: {@code ActorID_SentenceID_Emotion_Intensity.wav}, e.g. {@code 1001_DFA_ANG_XX.wav}.
 *
 * <p>Actor 1001..1091 (the speaker id, e.g. {@code "1001"}); sentence one of the 12 codes IEO TIE
 * IOM IWW TAI MTI IWL ITH DFA ITS TSI WSI; emotion ANG DIS FEA HAP NEU SAD; intensity LO MD HI XX
 * (stored as {@link LabelledClip#intensity()}). Letters are matched case-insensitively. Any name of
 * the shape {@code digits_letters_letters_letters} is claimed, and skipped unless every field is
 * valid.
 */
public final class CremaDConvention implements CorpusConvention {
    /** The convention; it holds no state, so one instance can serve any number of scans. */
    public CremaDConvention() {
    }

    /** The corpus id. */
    public static final String CORPUS = "crema-d";
    /** The 12 sentence codes. */
    public static final Set<String> SENTENCES =
            Set.of("IEO", "TIE", "IOM", "IWW", "TAI", "MTI", "IWL", "ITH", "DFA", "ITS", "TSI", "WSI");
    /** The four intensity codes. */
    public static final Set<String> INTENSITIES = Set.of("LO", "MD", "HI", "XX");
    /** First actor id. */
    public static final int FIRST_ACTOR = 1001;
    /** Last actor id. */
    public static final int LAST_ACTOR = 1091;

    private static final Pattern SHAPE = Pattern.compile("(\\d+)_([A-Za-z]+)_([A-Za-z]+)_([A-Za-z]+)");

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
        String actor = m.group(1);
        String sentence = m.group(2).toUpperCase(Locale.ROOT);
        String emotion = m.group(3).toUpperCase(Locale.ROOT);
        String intensity = m.group(4).toUpperCase(Locale.ROOT);
        if (actor.length() != 4 || Integer.parseInt(actor) < FIRST_ACTOR || Integer.parseInt(actor) > LAST_ACTOR) {
            return skip(name, "actor id " + actor + " is not in " + FIRST_ACTOR + ".." + LAST_ACTOR);
        }
        if (!SENTENCES.contains(sentence)) {
            return skip(name, "sentence code " + m.group(2) + " is not one of the 12 CREMA-D sentences");
        }
        Optional<Emotion> e = Emotion.fromCremaCode(emotion);
        if (emotion.length() != 3 || e.isEmpty()) {
            return skip(name, "emotion code " + m.group(3) + " is not one of ANG DIS FEA HAP NEU SAD");
        }
        if (!INTENSITIES.contains(intensity)) {
            return skip(name, "intensity code " + m.group(4) + " is not one of LO MD HI XX");
        }
        return Optional.of(new ParseOutcome.Labelled(new LabelledClip(file, e.get(), actor, CORPUS, intensity)));
    }

    /**
     * The canonical file name of a CREMA-D clip (the inverse of {@link #parse(Path)}): every name
     * it returns is labelled by {@link #parse(Path)} with these fields.
     *
     * @param actor actor id, {@value #FIRST_ACTOR}..{@value #LAST_ACTOR}
     * @param sentence one of {@link #SENTENCES}, e.g. {@code "DFA"}; written as given
     * @param emotion one of the six, not null; written as its {@link Emotion#cremaCode()}
     * @param intensity one of {@link #INTENSITIES}, e.g. {@code "XX"}; written as given
     * @return {@code actor_sentence_code_intensity.wav}, e.g. {@code "1001_DFA_ANG_XX.wav"}
     * @throws NullPointerException if {@code emotion} is null
     * @throws IllegalArgumentException if the actor id, sentence or intensity is not one of
     *     CREMA-D's
     */
    public static String fileName(int actor, String sentence, Emotion emotion, String intensity) {
        java.util.Objects.requireNonNull(emotion, "emotion");
        if (actor < FIRST_ACTOR || actor > LAST_ACTOR) {
            throw new IllegalArgumentException("actor id " + actor + " is not in " + FIRST_ACTOR + ".." + LAST_ACTOR);
        }
        if (!SENTENCES.contains(sentence)) {
            throw new IllegalArgumentException("sentence '" + sentence + "' is not one of " + new java.util.TreeSet<>(SENTENCES));
        }
        if (!INTENSITIES.contains(intensity)) {
            throw new IllegalArgumentException("intensity '" + intensity + "' is not one of " + new java.util.TreeSet<>(INTENSITIES));
        }
        return actor + "_" + sentence + "_" + emotion.cremaCode() + "_" + intensity + ".wav";
    }

    private static Optional<ParseOutcome> skip(String name, String problem) {
        return Optional.of(new ParseOutcome.Skipped(name + ": looks like a CREMA-D name but its " + problem));
    }
}
