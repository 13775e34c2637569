package org.ser4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Creates {@link WindowedEmotionClassifier}s from the models bundled with ser-models or from any
 * model exported by ser-training.
 *
 * <pre>{@code
 * try (EmotionClassifier classifier = EmotionClassifiers.defaultClassifier()) {
 *     Prediction p = classifier.classify(Path.of("clip.wav"));
 *     System.out.println(p.emotion() + " " + p.probability(p.emotion()));
 * }
 * }</pre>
 *
 * <p>Bundled models are the class-path resources {@code org/ser4j/models/bundled/time.onnx} and
 * {@code mel.onnx} (and the further ensemble members its {@code ensemble.properties} lists), shipped in the separate artifact {@code org.ser4j:ser-models-bundled} (their
 * terms are those of the training corpora, see MODEL_CARD.md; without it only {@code fromOnnx}
 * works); each is checked against its {@code .onnx.sha256} on every load. Every method
 * creates a new classifier with its own ONNX Runtime sessions: create one, share it between
 * threads, and close it when done.
 */
public final class EmotionClassifiers {
    /** Name of the bundled time-domain model (ZCR + RMS, 1D CNN). */
    public static final String TIME = "time";
    /** Name of the bundled log-mel model (2D CNN). */
    public static final String MEL = "mel";
    /** Name of the bundled ensemble: the weighted average of the models its {@code ensemble.properties} lists. */
    public static final String ENSEMBLE = "ensemble";
    /** A bundled model file name an ensemble may list: {@code time}, {@code mel-seed7}. */
    private static final Pattern MEMBER_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private EmotionClassifiers() {
    }

    /**
     * The bundled time-domain model with default options.
     *
     * @return a new classifier; close it when done
     * @throws ModelLoadException if the bundled model is missing, damaged or cannot be opened
     */
    public static WindowedEmotionClassifier timeDomain() {
        return timeDomain(ClassifierOptions.defaults());
    }

    /**
     * The bundled time-domain model.
     *
     * @param options window hop, batching and threads
     * @return a new classifier; close it when done
     * @throws ModelLoadException if the bundled model is missing, damaged or cannot be opened
     * @throws IllegalArgumentException if {@code options.hopSamples()} exceeds the model window
     *     (80,080 samples)
     */
    public static WindowedEmotionClassifier timeDomain(ClassifierOptions options) {
        return bundled(BundledModels.production(), TIME, options, AudioSource.WAV, ExtractorFactory.SER4J);
    }

    /**
     * The bundled log-mel model with default options.
     *
     * @return a new classifier; close it when done
     * @throws ModelLoadException if the bundled model is missing, damaged or cannot be opened
     */
    public static WindowedEmotionClassifier melSpectrogram() {
        return melSpectrogram(ClassifierOptions.defaults());
    }

    /**
     * The bundled log-mel model.
     *
     * @param options window hop, batching and threads
     * @return a new classifier; close it when done
     * @throws ModelLoadException if the bundled model is missing, damaged or cannot be opened
     * @throws IllegalArgumentException if {@code options.hopSamples()} exceeds the model window
     *     (80,080 samples)
     */
    public static WindowedEmotionClassifier melSpectrogram(ClassifierOptions options) {
        return bundled(BundledModels.production(), MEL, options, AudioSource.WAV, ExtractorFactory.SER4J);
    }

    /**
     * The bundled ensemble: the models listed by the bundled {@code ensemble.properties}
     * ({@code members}, a comma list of bundled model files; {@code time,mel} when absent), their
     * probabilities averaged with its weights ({@code weight.NAME} per member; equal when absent)
     * and calibrated by its {@code temperature}, with default options.
     *
     * @return a new classifier; close it when done
     * @throws ModelLoadException if the bundled model is missing, damaged or cannot be opened
     */
    public static WindowedEmotionClassifier ensemble() {
        return ensemble(ClassifierOptions.defaults());
    }

    /**
     * The bundled ensemble, its members and weights as in {@code ensemble.properties}.
     *
     * @param options window hop, batching and threads
     * @return a new classifier; close it when done
     * @throws ModelLoadException if the bundled model is missing, damaged or cannot be opened
     * @throws IllegalArgumentException if {@code options.hopSamples()} exceeds the model window
     *     (80,080 samples)
     */
    public static WindowedEmotionClassifier ensemble(ClassifierOptions options) {
        return bundled(BundledModels.production(), ENSEMBLE, options, AudioSource.WAV, ExtractorFactory.SER4J);
    }

    /**
     * The bundled classifier that validated best, as named by the bundled
     * {@code default.properties} ({@code model=time|mel|ensemble}; ensemble when absent), with
     * default options.
     *
     * @return a new classifier; close it when done
     * @throws ModelLoadException if the bundled model is missing, damaged or cannot be opened
     */
    public static WindowedEmotionClassifier defaultClassifier() {
        return defaultClassifier(ClassifierOptions.defaults());
    }

    /**
     * The bundled classifier named by {@code default.properties}.
     *
     * @param options window hop, batching and threads
     * @return a new classifier; close it when done
     * @throws ModelLoadException if the bundled model is missing, damaged or cannot be opened
     * @throws IllegalArgumentException if {@code options.hopSamples()} exceeds the model window
     *     (80,080 samples)
     */
    public static WindowedEmotionClassifier defaultClassifier(ClassifierOptions options) {
        return bundled(BundledModels.production(), defaultName(BundledModels.production()), options,
                AudioSource.WAV, ExtractorFactory.SER4J);
    }

    /**
     * Which bundled classifier {@link #defaultClassifier()} returns.
     *
     * @return {@code time}, {@code mel} or {@code ensemble}
     */
    public static String defaultModelName() {
        return defaultName(BundledModels.production());
    }

    /**
     * A bundled classifier by name: {@code time}, {@code mel}, {@code ensemble} or {@code default}
     * (case-insensitive).
     *
     * @param name the bundled classifier's name
     * @param options window hop, batching and threads
     * @return a new classifier; close it when done
     * @throws ModelLoadException if the bundled model is missing, damaged or cannot be opened
     * @throws IllegalArgumentException for any other name, or if {@code options.hopSamples()}
     *     exceeds the model window (80,080 samples)
     */
    public static WindowedEmotionClassifier bundled(String name, ClassifierOptions options) {
        Objects.requireNonNull(name, "name");
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("default")) {
            return defaultClassifier(options);
        }
        return bundled(BundledModels.production(), n, options, AudioSource.WAV, ExtractorFactory.SER4J);
    }

    /**
     * Whether {@code name} names a bundled classifier.
     *
     * @param name a name, compared case-insensitively and without surrounding blanks
     * @return true for {@code time}, {@code mel}, {@code ensemble} and {@code default}
     */
    public static boolean isBundledName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.equals(TIME) || n.equals(MEL) || n.equals(ENSEMBLE) || n.equals("default");
    }

    /**
     * A model exported by ser-training, configured by its metadata alone, with default options;
     * the hop is {@link ClassifierOptions#DEFAULT_HOP_SAMPLES}, or half the model's window when
     * that is shorter (a model trained on clips under 5 s).
     *
     * @param model the {@code .onnx} file
     * @return a new classifier; close it when done
     * @throws IOException naming the file if it cannot be read
     * @throws ModelLoadException if ONNX Runtime cannot open it or run it once on a silent window,
     *     or the checksum does not match
     * @throws IncompatibleModelException if it is not a ser4j model this version supports
     */
    public static WindowedEmotionClassifier fromOnnx(Path model) throws IOException {
        return fromOnnx(model, null, AudioSource.WAV, ExtractorFactory.SER4J);
    }

    /**
     * A model exported by ser-training, configured by its metadata alone. If a file
     * {@code <model>.sha256} exists beside it, the model is checked against it.
     *
     * @param model the {@code .onnx} file
     * @param options window hop, batching and threads
     * @return a new classifier; close it when done
     * @throws IOException naming the file if it cannot be read
     * @throws ModelLoadException if ONNX Runtime cannot open it or run it once on a silent window,
     *     or the checksum does not match
     * @throws IncompatibleModelException if it is not a ser4j model this version supports
     * @throws IllegalArgumentException if {@code options.hopSamples()} exceeds the model's window
     *     ({@link org.ser4j.core.model.ModelMetadata#clipSamples()})
     */
    public static WindowedEmotionClassifier fromOnnx(Path model, ClassifierOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        return fromOnnx(model, options, AudioSource.WAV, ExtractorFactory.SER4J);
    }

    /** {@code options == null}: the defaults, with the hop fitted to the model's window. */
    static OnnxEmotionClassifier fromOnnx(Path model, ClassifierOptions options, AudioSource audio,
            ExtractorFactory extractors) throws IOException {
        Objects.requireNonNull(model, "model");
        String name = model.toString();
        if (!Files.exists(model)) {
            throw new NoSuchFileException(name, null, "model file does not exist");
        }
        if (Files.isDirectory(model)) {
            throw new IOException(name + ": is a directory, not an ONNX model file");
        }
        byte[] bytes = Files.readAllBytes(model);
        Path shaFile = model.resolveSibling(model.getFileName() + ".sha256");
        if (Files.isRegularFile(shaFile)) {
            String expected = BundledModels.parseSha256(shaFile.toString(), Files.readString(shaFile, java.nio.charset.StandardCharsets.US_ASCII));
            String actual = BundledModels.sha256(bytes);
            if (!expected.equals(actual)) {
                throw new ModelLoadException(name, "SHA-256 mismatch: " + shaFile + " says " + expected
                        + " but the file hashes to " + actual);
            }
        }
        ClassifierOptions requested = options != null ? options : ClassifierOptions.defaults();
        OnnxModel m = OnnxModel.open(name, bytes, requested.inferenceThreads(), extractors);
        if (options == null) {
            int halfWindow = Math.max(1, m.metadata().clipSamples() / 2);
            requested = requested.withHopSamples(Math.min(ClassifierOptions.DEFAULT_HOP_SAMPLES, halfWindow));
        }
        return new OnnxEmotionClassifier(name, List.of(m), new float[] {1f}, requested, audio);
    }

    static OnnxEmotionClassifier bundled(BundledModels resources, String name, ClassifierOptions options,
            AudioSource audio, ExtractorFactory extractors) {
        Objects.requireNonNull(options, "options");
        switch (name) {
            case TIME:
            case MEL: {
                OnnxModel m = open(resources, name, options, extractors);
                return new OnnxEmotionClassifier("bundled " + name + " model", List.of(m), new float[] {1f}, options, audio);
            }
            case ENSEMBLE: {
                Properties settings = resources.properties("ensemble.properties");
                String source = resources.resource("ensemble.properties");
                List<String> members = ensembleMembers(settings, source);
                float[] weights = ensembleWeights(settings, source, members);
                double temperature = ensembleTemperature(settings, source);
                List<OnnxModel> models = new ArrayList<>();
                try {
                    for (String member : members) {
                        models.add(open(resources, member, options, extractors));
                    }
                } catch (RuntimeException e) {
                    models.forEach(OnnxModel::close);
                    throw e;
                }
                return new OnnxEmotionClassifier(ensembleDescription(members, weights, temperature), models, weights,
                        temperature, options, audio);
            }
            default:
                throw new IllegalArgumentException("no bundled model named '" + name + "'; expected time, mel, ensemble or default");
        }
    }

    private static OnnxModel open(BundledModels resources, String name, ClassifierOptions options, ExtractorFactory extractors) {
        byte[] bytes = resources.modelBytes(name);
        return OnnxModel.open(resources.resource(name + ".onnx"), bytes, options.inferenceThreads(), extractors);
    }

    /**
     * The bundled model files the ensemble mixes, from {@code members} in {@code ensemble.properties}
     * ({@code time,mel} when absent): each a name of lower-case letters, digits and hyphens, whose
     * {@code NAME.onnx} and {@code NAME.onnx.sha256} are bundled resources.
     */
    static List<String> ensembleMembers(BundledModels resources) {
        return ensembleMembers(resources.properties("ensemble.properties"), resources.resource("ensemble.properties"));
    }

    private static List<String> ensembleMembers(Properties p, String source) {
        String v = p.getProperty("members");
        if (v == null) {
            return List.of(TIME, MEL);
        }
        List<String> members = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            String name = part.trim();
            if (!MEMBER_NAME.matcher(name).matches()) {
                throw new ModelLoadException(source, "members must be a comma list of bundled model names (lower-case"
                        + " letters, digits, hyphens), got '" + v + "'");
            }
            if (members.contains(name)) {
                throw new ModelLoadException(source, "members lists '" + name + "' twice: '" + v + "'");
            }
            members.add(name);
        }
        return List.copyOf(members);
    }

    /**
     * Weights of {@link #ensembleMembers}, in their order, from {@code weight.NAME} in
     * {@code ensemble.properties}; {@code 1 / members} each when absent. Not yet normalised.
     */
    static float[] ensembleWeights(BundledModels resources) {
        Properties p = resources.properties("ensemble.properties");
        String source = resources.resource("ensemble.properties");
        return ensembleWeights(p, source, ensembleMembers(p, source));
    }

    private static float[] ensembleWeights(Properties p, String source, List<String> members) {
        float[] weights = new float[members.size()];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weight(p, "weight." + members.get(i), 1f / weights.length, source);
            sum += weights[i];
        }
        if (!(sum > 0)) {
            throw new ModelLoadException(source, "the weights of " + String.join(", ", members) + " must not all be zero");
        }
        return weights;
    }

    /** "bundled ensemble (time 0.300, mel 0.700, temperature 0.708)": each member's normalised weight. */
    private static String ensembleDescription(List<String> members, float[] weights, double temperature) {
        double sum = 0;
        for (float w : weights) {
            sum += w;
        }
        StringBuilder b = new StringBuilder("bundled ensemble (");
        for (int i = 0; i < members.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(members.get(i)).append(String.format(Locale.ROOT, " %.3f", weights[i] / sum));
        }
        if (temperature != 1.0) {
            b.append(String.format(Locale.ROOT, ", temperature %.3f", temperature));
        }
        return b.append(')').toString();
    }

    /** The ensemble's calibration temperature from {@code ensemble.properties}; 1 when absent. */
    static double ensembleTemperature(BundledModels resources) {
        return ensembleTemperature(resources.properties("ensemble.properties"), resources.resource("ensemble.properties"));
    }

    private static double ensembleTemperature(Properties p, String source) {
        String v = p.getProperty("temperature");
        if (v == null) {
            return 1.0;
        }
        try {
            double t = Double.parseDouble(v.trim());
            if (!(t > 0) || !Double.isFinite(t)) {
                throw new ModelLoadException(source, "temperature must be a positive finite number, got '" + v + "'");
            }
            return t;
        } catch (NumberFormatException e) {
            throw new ModelLoadException(source, "temperature is not a number: '" + v + "'", e);
        }
    }

    private static float weight(Properties p, String key, float absent, String source) {
        String v = p.getProperty(key);
        if (v == null) {
            return absent;
        }
        try {
            float w = Float.parseFloat(v.trim());
            if (!Float.isFinite(w) || w < 0) {
                throw new ModelLoadException(source, key + " must be a finite non-negative number, got '" + v + "'");
            }
            return w;
        } catch (NumberFormatException e) {
            throw new ModelLoadException(source, key + " is not a number: '" + v + "'", e);
        }
    }

    static String defaultName(BundledModels resources) {
        String v = resources.properties("default.properties").getProperty("model", ENSEMBLE).trim().toLowerCase(Locale.ROOT);
        if (!v.equals(TIME) && !v.equals(MEL) && !v.equals(ENSEMBLE)) {
            throw new ModelLoadException(resources.resource("default.properties"),
                    "model must be time, mel or ensemble, got '" + v + "'");
        }
        return v;
    }
}
