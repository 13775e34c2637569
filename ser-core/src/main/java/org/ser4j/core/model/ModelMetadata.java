package org.ser4j.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ser4j.core.Emotion;

/**
 * Everything needed to use an exported model, stored as ONNX {@code metadata_props} under
 * {@code ser4j.*} keys. Written by ser-training, read by ser-models.
 *
 * <p>Immutable: the constructor copies {@code mean} and {@code std}, their accessors return
 * copies, and {@code equals}/{@code hashCode} compare the arrays by content.
 *
 * @param featureKind which features the model takes
 * @param sampleRate audio rate the features are computed at, Hz (16000)
 * @param clipSamples clip length after pad/trim, samples (80080)
 * @param nFft FFT size / frame length, samples (2048)
 * @param hopLength hop between frames, samples (512)
 * @param nMels mel bands (128; ignored for time-domain models)
 * @param topDb dB floor below the maximum (80)
 * @param trimTopDb silence trimming threshold in dB below the loudest frame, applied before
 *     padding, or 0 for none (stored as {@code ser4j.feature.trim_top_db}; models of metadata
 *     format 1 have none)
 * @param utteranceNormalization per-utterance normalisation of the features before {@code mean}
 *     and {@code std} (stored as {@code ser4j.feature.utterance_norm}, format 3; models of formats
 *     1 and 2 have none)
 * @param labels the output labels in order; must equal the {@link Emotion} labels
 * @param mean standardisation mean: empty (none), 1 value (global) or one per input value
 * @param std standardisation standard deviation, same length as {@code mean}
 * @param extra free-form provenance (training data summary, metrics JSON, seed, ser4j version)
 */
public record ModelMetadata(FeatureKind featureKind, int sampleRate, int clipSamples, int nFft, int hopLength,
        int nMels, double topDb, double trimTopDb, UtteranceNormalization utteranceNormalization, List<String> labels,
        float[] mean, float[] std, Map<String, String> extra) {

    /**
     * Format version of these keys; bumped on incompatible change. Written only for models with
     * an {@link #utteranceNormalization()} (which older readers must refuse rather than ignore);
     * others are written as {@link #PREVIOUS_FORMAT_VERSION}, which every earlier reader reads.
     */
    public static final String FORMAT_VERSION = "3";
    /** Format 2: format 3 without per-utterance normalisation (none). */
    public static final String PREVIOUS_FORMAT_VERSION = "2";
    /** Format 1: format 2 without the silence trimming setting (none). */
    public static final String FIRST_FORMAT_VERSION = "1";
    /** Key prefix of every ser4j property. */
    public static final String PREFIX = "ser4j.";
    /**
     * The {@link #extra()} key of the model's calibration temperature (see {@link #temperature()}),
     * stored as {@code ser4j.extra.temperature}.
     */
    public static final String TEMPERATURE_KEY = "temperature";

    /**
     * Checks and copies the arguments.
     *
     * @param featureKind which features the model takes, not null
     * @param sampleRate audio rate the features are computed at, Hz, positive
     * @param clipSamples clip length after pad/trim, samples, positive
     * @param nFft FFT size / frame length, samples, positive
     * @param hopLength hop between frames, samples, positive
     * @param nMels mel bands, positive (also for time-domain models, which ignore it)
     * @param topDb dB floor below the maximum; not checked
     * @param trimTopDb silence trimming threshold in dB, or 0 for none; not negative, finite
     * @param utteranceNormalization per-utterance normalisation before the standardisation; not null
     * @param labels the output labels in order; copied. Not compared with the {@link Emotion} labels
     *     here (ser-models refuses a model whose labels differ)
     * @param mean standardisation mean: empty (none), 1 value (global) or one per input value;
     *     copied. Its length is not checked against {@link #inputShape()}
     * @param std standardisation standard deviation, same length as {@code mean}; copied
     * @param extra free-form provenance (e.g. seed, ser4j version); copied
     * @throws IllegalArgumentException if {@code featureKind} or {@code utteranceNormalization}
     *     is null, an integer setting is not
     *     positive, {@code trimTopDb} is negative or not finite, or {@code mean} and {@code std}
     *     differ in length
     * @throws NullPointerException if {@code labels}, {@code mean}, {@code std} or {@code extra} is
     *     null, or {@code labels} or {@code extra} holds a null
     */
    public ModelMetadata {
        if (featureKind == null) {
            throw new IllegalArgumentException("featureKind must not be null");
        }
        if (utteranceNormalization == null) {
            throw new IllegalArgumentException("utteranceNormalization must not be null (use NONE)");
        }
        if (sampleRate <= 0 || clipSamples <= 0 || nFft <= 0 || hopLength <= 0 || nMels <= 0) {
            throw new IllegalArgumentException("sample rate, clip length, n_fft, hop and n_mels must be positive");
        }
        if (!(trimTopDb >= 0) || Double.isInfinite(trimTopDb)) {
            throw new IllegalArgumentException("the silence trimming threshold must be 0 (none) or a positive number of dB, got "
                    + trimTopDb);
        }
        labels = List.copyOf(labels);
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std lengths differ: " + mean.length + " vs " + std.length);
        }
        extra = Map.copyOf(extra);
    }

    /**
     * Metadata without per-utterance normalisation ({@link UtteranceNormalization#NONE}), as every
     * model of formats 1 and 2.
     *
     * @param featureKind which features the model takes, not null
     * @param sampleRate audio rate the features are computed at, Hz, positive
     * @param clipSamples clip length after pad/trim, samples, positive
     * @param nFft FFT size / frame length, samples, positive
     * @param hopLength hop between frames, samples, positive
     * @param nMels mel bands, positive
     * @param topDb dB floor below the maximum; not checked
     * @param trimTopDb silence trimming threshold in dB, or 0 for none
     * @param labels the output labels in order; copied
     * @param mean standardisation mean; copied
     * @param std standardisation standard deviation, same length as {@code mean}; copied
     * @param extra free-form provenance; copied
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ModelMetadata(FeatureKind featureKind, int sampleRate, int clipSamples, int nFft, int hopLength,
            int nMels, double topDb, double trimTopDb, List<String> labels, float[] mean, float[] std,
            Map<String, String> extra) {
        this(featureKind, sampleRate, clipSamples, nFft, hopLength, nMels, topDb, trimTopDb,
                UtteranceNormalization.NONE, labels, mean, std, extra);
    }

    /**
     * The standardisation mean.
     *
     * @return a copy: empty (none), 1 value (global) or one value per input value
     */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /**
     * The standardisation standard deviation.
     *
     * @return a copy, as long as {@link #mean()}
     */
    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * Equal when every component is, the arrays by content.
     *
     * @param o the other object
     * @return whether {@code o} is a {@code ModelMetadata} with the same components
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ModelMetadata m && featureKind == m.featureKind && sampleRate == m.sampleRate
                && clipSamples == m.clipSamples && nFft == m.nFft && hopLength == m.hopLength && nMels == m.nMels
                && Double.compare(topDb, m.topDb) == 0 && Double.compare(trimTopDb, m.trimTopDb) == 0
                && utteranceNormalization == m.utteranceNormalization
                && labels.equals(m.labels) && Arrays.equals(mean, m.mean)
                && Arrays.equals(std, m.std) && extra.equals(m.extra);
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash of the components, the arrays by content
     */
    @Override
    public int hashCode() {
        int h = java.util.Objects.hash(featureKind, sampleRate, clipSamples, nFft, hopLength, nMels, topDb, trimTopDb,
                utteranceNormalization, labels, extra);
        return 31 * (31 * h + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    /**
     * The components; arrays of more than 8 values by their length only.
     *
     * @return a one-line description for logs and errors
     */
    @Override
    public String toString() {
        return "ModelMetadata[featureKind=" + featureKind + ", sampleRate=" + sampleRate + ", clipSamples=" + clipSamples
                + ", nFft=" + nFft + ", hopLength=" + hopLength + ", nMels=" + nMels + ", topDb=" + topDb
                + ", trimTopDb=" + trimTopDb + ", utteranceNormalization=" + utteranceNormalization
                + ", labels=" + labels + ", mean=" + brief(mean) + ", std=" + brief(std) + ", extra=" + extra + "]";
    }

    /** The values, or only their number when there are many (a per-value mean has 20,096 for log-mel). */
    private static String brief(float[] values) {
        return values.length <= 8 ? Arrays.toString(values) : "[" + values.length + " values]";
    }

    /**
     * The temperature that calibrates this model's probabilities (fitted on cross-validated
     * predictions by ser-training), applied by inference with {@link Temperature}.
     *
     * @return the {@value #TEMPERATURE_KEY} entry of {@link #extra()}, or 1 (no scaling) when the
     *     model has none
     * @throws IllegalArgumentException if the entry is not a positive, finite number
     */
    public double temperature() {
        String value = extra.get(TEMPERATURE_KEY);
        if (value == null) {
            return 1.0;
        }
        double t;
        try {
            t = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model temperature '" + value + "' is not a number", e);
        }
        return Temperature.check(t);
    }

    /**
     * The labels of {@link Emotion}, in order.
     *
     * @return a new, modifiable list: {@code anger, disgust, fear, happy, neutral, sad}
     */
    public static List<String> emotionLabels() {
        List<String> l = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            l.add(e.label());
        }
        return l;
    }

    /**
     * Number of frames the configuration yields: {@code 1 + clipSamples / hopLength}.
     *
     * @return the frame count of centred framing (as librosa's {@code center=True}), integer
     *     division: 157 for 80080 samples at a hop of 512
     */
    public int frames() {
        return 1 + clipSamples / hopLength;
    }

    /**
     * Model input shape without the batch dimension.
     *
     * @return a new array: {@code [1, 2 * frames()]} for {@link FeatureKind#TIME_DOMAIN},
     *     {@code [1, nMels, frames()]} for {@link FeatureKind#LOG_MEL} (e.g. {@code [1, 128, 157]})
     */
    public long[] inputShape() {
        return featureKind == FeatureKind.TIME_DOMAIN
                ? new long[] {1, 2L * frames()}
                : new long[] {1, nMels, frames()};
    }

    /**
     * Serialises to ONNX metadata properties.
     *
     * @return a new map, in insertion order, of {@code ser4j.format} ({@value #FORMAT_VERSION} with
     *     {@code ser4j.feature.utterance_norm} for a model with per-utterance normalisation,
     *     {@value #PREVIOUS_FORMAT_VERSION} without that key otherwise), the {@code ser4j.feature.*}
     *     settings, {@code ser4j.labels} and {@code ser4j.standardize.mean}/{@code .std}
     *     (comma-separated, {@code ""} when empty) and one {@code ser4j.extra.<key>} per extra
     *     entry; {@link #fromProperties(Map)} reads it back
     */
    public Map<String, String> toProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        boolean normalises = utteranceNormalization != UtteranceNormalization.NONE;
        m.put(PREFIX + "format", normalises ? FORMAT_VERSION : PREVIOUS_FORMAT_VERSION);
        m.put(PREFIX + "feature.kind", featureKind.id());
        m.put(PREFIX + "feature.sample_rate", Integer.toString(sampleRate));
        m.put(PREFIX + "feature.clip_samples", Integer.toString(clipSamples));
        m.put(PREFIX + "feature.n_fft", Integer.toString(nFft));
        m.put(PREFIX + "feature.hop_length", Integer.toString(hopLength));
        m.put(PREFIX + "feature.n_mels", Integer.toString(nMels));
        m.put(PREFIX + "feature.top_db", Double.toString(topDb));
        m.put(PREFIX + "feature.trim_top_db", Double.toString(trimTopDb));
        if (normalises) {
            m.put(PREFIX + "feature.utterance_norm", utteranceNormalization.id());
        }
        m.put(PREFIX + "labels", String.join(",", labels));
        m.put(PREFIX + "standardize.mean", join(mean));
        m.put(PREFIX + "standardize.std", join(std));
        extra.forEach((k, v) -> m.put(PREFIX + "extra." + k, v));
        return m;
    }

    /**
     * Parses ONNX metadata properties.
     *
     * @param props the model's {@code metadata_props}; keys without the {@code ser4j.} prefix are
     *     ignored, {@code ser4j.extra.<key>} entries become {@link #extra()}
     * @return the metadata, checked as by the constructor; other {@code ser4j.*} keys are ignored
     * @throws IllegalArgumentException naming the missing or malformed key; also if
     *     {@code ser4j.format} is not 1, 2 or {@value #FORMAT_VERSION}, the feature kind or the
     *     utterance normalisation is unknown, or the
     *     values fail the constructor's checks
     * @throws NullPointerException if {@code props} is null
     */
    public static ModelMetadata fromProperties(Map<String, String> props) {
        String format = require(props, "format");
        if (!FORMAT_VERSION.equals(format) && !PREVIOUS_FORMAT_VERSION.equals(format)
                && !FIRST_FORMAT_VERSION.equals(format)) {
            throw new IllegalArgumentException("unsupported ser4j metadata format " + format + " (this ser4j reads "
                    + FIRST_FORMAT_VERSION + ", " + PREVIOUS_FORMAT_VERSION + " and " + FORMAT_VERSION + ")");
        }
        // format 1 predates silence trimming: its models were trained without it
        double trimTopDb = FIRST_FORMAT_VERSION.equals(format) ? 0.0 : doubleProp(props, "feature.trim_top_db");
        // formats 1 and 2 predate per-utterance normalisation
        UtteranceNormalization norm = UtteranceNormalization.NONE;
        if (FORMAT_VERSION.equals(format)) {
            String normId = require(props, "feature.utterance_norm");
            norm = UtteranceNormalization.fromId(normId.trim()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown utterance normalisation '" + normId + "' in " + PREFIX + "feature.utterance_norm"));
        }
        String kindId = require(props, "feature.kind");
        FeatureKind kind = FeatureKind.fromId(kindId)
                .orElseThrow(() -> new IllegalArgumentException("unknown feature kind '" + kindId + "' in " + PREFIX + "feature.kind"));
        Map<String, String> extra = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(PREFIX + "extra.")) {
                extra.put(k.substring((PREFIX + "extra.").length()), v);
            }
        });
        return new ModelMetadata(kind,
                intProp(props, "feature.sample_rate"), intProp(props, "feature.clip_samples"),
                intProp(props, "feature.n_fft"), intProp(props, "feature.hop_length"),
                intProp(props, "feature.n_mels"), doubleProp(props, "feature.top_db"), trimTopDb, norm,
                Arrays.asList(require(props, "labels").split(",")),
                floats(props, "standardize.mean"), floats(props, "standardize.std"), extra);
    }

    private static String require(Map<String, String> props, String key) {
        String v = props.get(PREFIX + key);
        if (v == null) {
            throw new IllegalArgumentException("model metadata lacks " + PREFIX + key);
        }
        return v;
    }

    private static int intProp(Map<String, String> props, String key) {
        try {
            return Integer.parseInt(require(props, key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model metadata " + PREFIX + key + " is not an integer", e);
        }
    }

    private static double doubleProp(Map<String, String> props, String key) {
        try {
            return Double.parseDouble(require(props, key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model metadata " + PREFIX + key + " is not a number", e);
        }
    }

    private static float[] floats(Map<String, String> props, String key) {
        String v = require(props, key).trim();
        if (v.isEmpty()) {
            return new float[0];
        }
        String[] parts = v.split(",");
        float[] f = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                f[i] = Float.parseFloat(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model metadata " + PREFIX + key + " holds a non-number", e);
        }
        return f;
    }

    private static String join(float[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(String.format(Locale.ROOT, "%s", Float.toString(values[i])));
        }
        return sb.toString();
    }
}
