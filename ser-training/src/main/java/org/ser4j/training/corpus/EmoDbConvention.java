package org.ser4j.training.corpus;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ser4j.core.Emotion;

/**
 * EmoDB (Berlin Database of Emotional Speech): {@code SSTTTEV.wav}, e.g. {@code 03a01Fa.wav}.
 *
 * <p>{@code SS} speaker (03 08 09 10 11 12 13 14 15 16; the speaker id, e.g. {@code "03"}),
 * {@code TTT} text (a01 a02 a04 a05 a07 b01 b02 b03 b09 b10), {@code E} emotion letter (W anger,
 * E disgust, A fear, F happy, T sad, N neutral; L boredom is skipped), {@code V} version letter.
 * EmoDB has no intensity ({@code ""}). Any seven-character name of the shape
 * digit-digit-letter-digit-digit-letter-letter is claimed, and skipped unless every field is valid.
 * Letter case is ignored (the fields are positional, so {@code 03A01FA.WAV}, as some copying tools
 * write names, is the same clip as {@code 03a01Fa.wav}).
 */
public final class EmoDbConvention implements CorpusConvention {
    /** The convention; it holds no state, so one instance can serve any number of scans. */
    public EmoDbConvention() {
    }

    /** The corpus id. */
    public static final String CORPUS = "emodb";
    /** The ten speakers. */
    public static final Set<String> SPEAKERS = Set.of("03", "08", "09", "10", "11", "12", "13", "14", "15", "16");
    /** The ten text ids. */
    public static final Set<String> TEXTS = Set.of("a01", "a02", "a04", "a05", "a07", "b01", "b02", "b03", "b09", "b10");
    private static final Pattern SHAPE = Pattern.compile("(\\d{2})([A-Za-z]\\d{2})([A-Za-z])([A-Za-z])");

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
        String speaker = m.group(1);
        if (!SPEAKERS.contains(speaker)) {
            return skip(name, "speaker " + speaker + " is not one of the ten EmoDB speakers");
        }
        String text = m.group(2).toLowerCase(java.util.Locale.ROOT);
        if (!TEXTS.contains(text)) {
            return skip(name, "text id " + m.group(2) + " is not one of the ten EmoDB texts");
        }
        char written = m.group(3).charAt(0);
        char letter = Character.toUpperCase(written);
        if (letter == 'L') {
            return Optional.of(new ParseOutcome.Skipped(name + ": EmoDB emotion L (boredom) is not one of the six emotions"));
        }
        Emotion e = emotion(letter);
        if (e == null) {
            return skip(name, "emotion letter " + written + " is not one of W E A F T N L");
        }
        return Optional.of(new ParseOutcome.Labelled(new LabelledClip(file, e, speaker, CORPUS, "")));
    }

    /** The emotion of an EmoDB emotion letter (upper case), or null for L and unknown letters. */
    static Emotion emotion(char letter) {
        return switch (letter) {
            case 'W' -> Emotion.ANGER;
            case 'E' -> Emotion.DISGUST;
            case 'A' -> Emotion.FEAR;
            case 'F' -> Emotion.HAPPY;
            case 'T' -> Emotion.SAD;
            case 'N' -> Emotion.NEUTRAL;
            default -> null;
        };
    }

    /**
     * The EmoDB letter of an emotion of the six.
     *
     * @param e the emotion, not null
     * @return its upper-case letter: {@code W} anger, {@code E} disgust, {@code A} fear,
     *     {@code F} happy, {@code T} sad, {@code N} neutral
     * @throws NullPointerException if {@code e} is null
     */
    public static char letter(Emotion e) {
        return switch (e) {
            case ANGER -> 'W';
            case DISGUST -> 'E';
            case FEAR -> 'A';
            case HAPPY -> 'F';
            case SAD -> 'T';
            case NEUTRAL -> 'N';
        };
    }

    private static Optional<ParseOutcome> skip(String name, String problem) {
        return Optional.of(new ParseOutcome.Skipped(name + ": looks like an EmoDB name but its " + problem));
    }
}
