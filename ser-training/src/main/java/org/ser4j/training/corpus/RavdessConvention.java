package org.ser4j.training.corpus;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ser4j.core.Emotion;

/**
 * RAVDESS: {@code MM-VV-EE-II-SS-RR-AA.wav}, e.g. {@code 03-01-05-02-01-01-12.wav}.
 *
 * <p>Fields: modality {@code MM} (must be 03, audio-only), vocal channel {@code VV} (must be 01,
 * speech; 02 song is skipped), emotion {@code EE} (01 neutral, 02 calm, 03 happy, 04 sad, 05 angry,
 * 06 fearful, 07 disgust, 08 surprised), intensity {@code II} (01 normal, 02 strong; neutral has
 * only normal), statement {@code SS} (01, 02), repetition {@code RR} (01, 02), actor {@code AA}
 * (01..24). The speaker id is {@code "Actor_AA"}; the intensity is {@code "normal"} or
 * {@code "strong"}.
 *
 * <p>Calm (02) is skipped, or labelled neutral under
 * {@link ScanOptions.RavdessExtras#CALM_AS_NEUTRAL}; surprised (08) is always skipped. Any name of
 * seven dash-separated two-digit fields is claimed, and skipped unless every field is valid.
 */
public final class RavdessConvention implements CorpusConvention {
    /** The corpus id. */
    public static final String CORPUS = "ravdess";
    private static final Pattern SHAPE = Pattern.compile("\\d{2}(-\\d{2}){6}");
    private static final String[] EMOTION_NAMES = {
        null, "neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"};
    private static final Emotion[] EMOTIONS = {
        null, Emotion.NEUTRAL, null, Emotion.HAPPY, Emotion.SAD, Emotion.ANGER, Emotion.FEAR, Emotion.DISGUST, null};

    private final ScanOptions.RavdessExtras extras;

    /**
     * A convention handling calm and surprised as {@code extras} says.
     *
     * @param extras whether calm (02) is skipped or labelled neutral; surprised (08) is skipped
     *     either way. Not null; {@code ScanOptions.DEFAULT} uses {@link ScanOptions.RavdessExtras#SKIP}
     * @throws NullPointerException if {@code extras} is null
     */
    public RavdessConvention(ScanOptions.RavdessExtras extras) {
        this.extras = Objects.requireNonNull(extras, "extras");
    }

    @Override
    public String corpus() {
        return CORPUS;
    }

    @Override
    public Optional<ParseOutcome> parse(Path file) {
        String stem = CorpusConvention.stem(file);
        if (!SHAPE.matcher(stem).matches()) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        String[] f = stem.split("-");
        int modality = Integer.parseInt(f[0]);
        int channel = Integer.parseInt(f[1]);
        int emotion = Integer.parseInt(f[2]);
        int intensity = Integer.parseInt(f[3]);
        int statement = Integer.parseInt(f[4]);
        int repetition = Integer.parseInt(f[5]);
        int actor = Integer.parseInt(f[6]);
        if (modality != 3) {
            return skip(name, "modality " + f[0] + " is not 03 (audio-only)");
        }
        if (channel != 1) {
            return skip(name, "vocal channel " + f[1] + (channel == 2 ? " is song, not speech" : " is not 01 (speech)"));
        }
        if (emotion < 1 || emotion > 8) {
            return skip(name, "emotion code " + f[2] + " is not in 01..08");
        }
        if (intensity != 1 && intensity != 2) {
            return skip(name, "intensity code " + f[3] + " is not 01 (normal) or 02 (strong)");
        }
        if (emotion == 1 && intensity == 2) {
            return skip(name, "neutral clips have no strong intensity (02)");
        }
        if (statement != 1 && statement != 2) {
            return skip(name, "statement code " + f[4] + " is not 01 or 02");
        }
        if (repetition != 1 && repetition != 2) {
            return skip(name, "repetition code " + f[5] + " is not 01 or 02");
        }
        if (actor < 1 || actor > 24) {
            return skip(name, "actor " + f[6] + " is not in 01..24");
        }
        Emotion label = EMOTIONS[emotion];
        if (emotion == 2 && extras == ScanOptions.RavdessExtras.CALM_AS_NEUTRAL) {
            label = Emotion.NEUTRAL;
        }
        if (label == null) {
            String hint = emotion == 2 ? " (use ScanOptions.RavdessExtras.CALM_AS_NEUTRAL to label calm as neutral)" : "";
            return Optional.of(new ParseOutcome.Skipped(name + ": RAVDESS emotion " + f[2] + " ("
                    + EMOTION_NAMES[emotion] + ") is not one of the six emotions" + hint));
        }
        return Optional.of(new ParseOutcome.Labelled(new LabelledClip(file, label, "Actor_" + f[6], CORPUS,
                intensity == 1 ? "normal" : "strong")));
    }

    /**
     * The RAVDESS emotion code (1..8) of an emotion of the six.
     *
     * @param e the emotion, not null
     * @return 1 for {@code NEUTRAL}, 3 {@code HAPPY}, 4 {@code SAD}, 5 {@code ANGER}, 6 {@code FEAR},
     *     7 {@code DISGUST}; never 2 (calm) or 8 (surprised)
     * @throws NullPointerException if {@code e} is null
     */
    public static int emotionCode(Emotion e) {
        // the table's unmapped codes (calm, surprised) hold null: a null emotion must not match them
        java.util.Objects.requireNonNull(e, "emotion");
        for (int i = 1; i < EMOTIONS.length; i++) {
            if (EMOTIONS[i] == e) {
                return i;
            }
        }
        throw new IllegalArgumentException("no RAVDESS code for " + e);
    }

    private static Optional<ParseOutcome> skip(String name, String problem) {
        return Optional.of(new ParseOutcome.Skipped(name + ": looks like a RAVDESS name but its " + problem));
    }
}
