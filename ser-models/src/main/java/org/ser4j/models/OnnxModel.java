package org.ser4j.models;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ser4j.core.Emotion;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.FeatureScaling;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.core.model.Temperature;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;

/**
 * One loaded ONNX model with the feature pipeline its metadata describes: extractor,
 * standardisation and the input tensor shape. Created once per model; {@link #features} and
 * {@link #probabilities} are thread-safe ({@link OrtSession#run} is), {@link #close} is not and is
 * guarded by the owning classifier.
 */
final class OnnxModel implements AutoCloseable {
    /** Tolerance on the sum of a model's output row. */
    private static final double PROBABILITY_SUM_TOLERANCE = 1e-3;

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final ModelMetadata metadata;
    private final FeatureExtractor extractor;
    private final String inputName;
    private final long[] inputShape;
    private final int featureLength;
    private final int maxBatch;
    /** The model's standardisation: the same code that standardised its training data. */
    private final FeatureScaling scaling;
    /** The model's calibration temperature (1: none), applied to every output row. */
    private final double temperature;
    /** What its raw features depend on: models with equal keys extract the same values from a window. */
    private final FeatureKey featureKey;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /**
     * Direct input buffers in native order, reused across calls: ONNX Runtime reads a direct
     * buffer in place, where a heap buffer would be copied once more into native memory. A call
     * borrows one and gives it back, so there are at most as many as calls ever ran at once.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<FloatBuffer> inputBuffers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private OnnxModel(String name, OrtEnvironment env, OrtSession.SessionOptions sessionOptions, OrtSession session,
            ModelMetadata metadata, FeatureExtractor extractor, String inputName, long[] inputShape, int maxBatch) {
        this.name = name;
        this.env = env;
        this.sessionOptions = sessionOptions;
        this.session = session;
        this.metadata = metadata;
        this.extractor = extractor;
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.featureLength = extractor.featureLength();
        this.maxBatch = maxBatch;
        this.scaling = FeatureScaling.of(metadata.mean(), metadata.std());
        this.temperature = metadata.temperature();
        this.featureKey = new FeatureKey(extractor.kind(), extractor.config());
    }

    /** The feature kind and settings, which alone decide a window's raw (unstandardised) features. */
    record FeatureKey(FeatureKind kind, FeatureConfig config) {
    }

    /**
     * Opens a model from its bytes and checks it against its metadata.
     *
     * @param name names the model in errors (a path or a resource)
     * @throws ModelLoadException if ONNX Runtime cannot open the bytes, or cannot run the model once on zeros
     * @throws IncompatibleModelException if the metadata or the input/output signature do not fit
     */
    static OnnxModel open(String name, byte[] bytes, int inferenceThreads, ExtractorFactory extractors) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = null;
        OrtSession session = null;
        try {
            options = new OrtSession.SessionOptions();
            if (inferenceThreads > 0) {
                options.setIntraOpNumThreads(inferenceThreads);
            }
            options.setInterOpNumThreads(1);
            session = env.createSession(bytes, options);
        } catch (OrtException e) {
            closeQuietly(session, options);
            throw new ModelLoadException(name, "ONNX Runtime cannot open it as a model (" + e.getMessage() + ")", e);
        }
        try {
            OnnxModel model = configure(name, env, options, session, extractors);
            model.probe();
            return model;
        } catch (RuntimeException e) {
            closeQuietly(session, options);
            throw e;
        }
    }

    private static OnnxModel configure(String name, OrtEnvironment env, OrtSession.SessionOptions options,
            OrtSession session, ExtractorFactory extractors) {
        Map<String, String> props;
        Map<String, NodeInfo> inputs;
        Map<String, NodeInfo> outputs;
        try {
            props = session.getMetadata().getCustomMetadata();
            inputs = session.getInputInfo();
            outputs = session.getOutputInfo();
        } catch (OrtException e) {
            throw new ModelLoadException(name, "cannot read the model's metadata or signature (" + e.getMessage() + ")", e);
        }
        if (!props.containsKey(ModelMetadata.PREFIX + "format")) {
            throw new IncompatibleModelException(name, "not a ser4j model: its ONNX metadata has no "
                    + ModelMetadata.PREFIX + "format key (export models with ser-training)");
        }
        ModelMetadata metadata;
        try {
            metadata = ModelMetadata.fromProperties(props);
        } catch (IllegalArgumentException e) {
            throw new IncompatibleModelException(name, e.getMessage(), e);
        }
        if (!metadata.labels().equals(ModelMetadata.emotionLabels())) {
            throw new IncompatibleModelException(name, "labels " + metadata.labels() + " are not the ser4j emotions "
                    + ModelMetadata.emotionLabels() + " in that order");
        }
        FeatureConfig config;
        try {
            config = FeatureConfig.of(metadata);
        } catch (IllegalArgumentException e) {
            throw new IncompatibleModelException(name, "feature settings are invalid: " + e.getMessage(), e);
        }
        FeatureExtractor extractor = extractors.create(metadata.featureKind(), config);
        long[] expected = metadata.inputShape();
        long expectedLength = Arrays.stream(expected).reduce(1, (a, b) -> a * b);
        if (extractor.featureLength() != expectedLength) {
            throw new IncompatibleModelException(name, "the " + metadata.featureKind().id() + " extractor yields "
                    + extractor.featureLength() + " values but the metadata implies input " + Arrays.toString(expected));
        }
        checkStandardisation(name, metadata, extractor.featureLength());

        if (inputs.size() != 1) {
            throw new IncompatibleModelException(name, "expected exactly one input, found " + inputs.keySet());
        }
        Map.Entry<String, NodeInfo> input = inputs.entrySet().iterator().next();
        TensorInfo in = floatTensor(name, "input", input.getValue());
        long[] shape = in.getShape();
        if (shape.length != expected.length + 1
                || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), expected)) {
            throw new IncompatibleModelException(name, "input '" + input.getKey() + "' has shape " + Arrays.toString(shape)
                    + " but the metadata (" + metadata.featureKind().id() + " features) implies [N, "
                    + joinShape(expected) + "]");
        }
        int maxBatch;
        if (shape[0] < 0) {
            maxBatch = Integer.MAX_VALUE;
        } else if (shape[0] == 1) {
            maxBatch = 1;
        } else {
            throw new IncompatibleModelException(name, "input batch dimension is fixed at " + shape[0]
                    + "; ser4j needs a dynamic batch dimension or 1");
        }
        if (outputs.isEmpty()) {
            throw new IncompatibleModelException(name, "the model has no output");
        }
        NodeInfo outInfo = outputs.values().iterator().next();
        TensorInfo out = floatTensor(name, "output", outInfo);
        long[] outShape = out.getShape();
        // A symbolic class dimension is accepted; the row length is then checked on every run.
        if (outShape.length != 2 || (outShape[1] != Emotion.COUNT && outShape[1] >= 0)) {
            throw new IncompatibleModelException(name, "output '" + outInfo.getName() + "' has shape "
                    + Arrays.toString(outShape) + ", expected [N, " + Emotion.COUNT + "] probabilities");
        }
        return new OnnxModel(name, env, options, session, metadata, extractor, input.getKey(), expected, maxBatch);
    }

    private static void checkStandardisation(String name, ModelMetadata metadata, int featureLength) {
        FeatureScaling scaling;
        try {
            scaling = FeatureScaling.of(metadata.mean(), metadata.std());
        } catch (IllegalArgumentException e) {
            throw new IncompatibleModelException(name, e.getMessage(), e);
        }
        try {
            metadata.temperature();
        } catch (IllegalArgumentException e) {
            throw new IncompatibleModelException(name, e.getMessage(), e);
        }
        if (!scaling.fits(featureLength)) {
            throw new IncompatibleModelException(name, "standardisation has " + scaling.size()
                    + " values; expected 0 (none), 1 (global) or " + featureLength + " (per feature)");
        }
    }

    private static TensorInfo floatTensor(String name, String role, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new IncompatibleModelException(name, role + " '" + info.getName() + "' is " + info.getInfo()
                    + ", expected a float tensor");
        }
        return t;
    }

    private static String joinShape(long[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.toString();
    }

    /** Runs the model once on zeros, so a model whose output is not a probability vector fails at load. */
    /**
     * Runs the model once on a window of zeros, so that a model ONNX Runtime can open but not run,
     * or whose output has the wrong type or size, fails when it is loaded rather than on the
     * first clip.
     */
    private void probe() {
        try {
            probabilities(List.of(new float[featureLength]), 1);
        } catch (IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            String problem = message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
            if (e.getCause() instanceof OrtException) {
                throw new ModelLoadException(name, "running it once on a window of zeros failed: " + problem, e);
            }
            throw new IncompatibleModelException(name, problem, e);
        }
    }

    /** The model's name as used in error messages. */
    String name() {
        return name;
    }

    /** The model's metadata. */
    ModelMetadata metadata() {
        return metadata;
    }

    /**
     * Standardised features of one window of samples at the model's sample rate; the extractor
     * zero-pads or trims to the model's clip length.
     */
    float[] features(float[] windowSamples) {
        return standardised(rawFeatures(windowSamples));
    }

    /**
     * Features of one window before the model's standardisation: the same for every model with an
     * equal {@link #featureKey()}, so an ensemble computes them once per key.
     */
    float[] rawFeatures(float[] windowSamples) {
        float[] raw = extractor.extract(windowSamples);
        if (raw.length != featureLength) {
            throw new IllegalStateException(name + ": extractor returned " + raw.length + " values, expected " + featureLength);
        }
        return raw;
    }

    /** {@code raw} (from {@link #rawFeatures}, left unchanged) standardised as this model's training data were. */
    float[] standardised(float[] raw) {
        float[] x = new float[featureLength];
        scaling.apply(raw, 0, x, 0, featureLength, 1);
        return x;
    }

    /** What this model's raw features depend on. */
    FeatureKey featureKey() {
        return featureKey;
    }

    /**
     * Class probabilities for each feature vector, in input order, running at most
     * {@code batchSize} vectors per ONNX Runtime call.
     *
     * @throws IllegalStateException naming the model if ONNX Runtime fails, or its output is not
     *     a float tensor of {@code Emotion.COUNT} values per row
     * @throws IncompatibleModelException if a row is not a probability vector (negative or
     *     non-finite values, or a sum off 1)
     */
    float[][] probabilities(List<float[]> features, int batchSize) {
        int batch = Math.max(1, Math.min(batchSize, maxBatch));
        float[][] out = new float[features.size()][];
        for (int from = 0; from < features.size(); from += batch) {
            int n = Math.min(batch, features.size() - from);
            FloatBuffer buffer = borrowInputBuffer(n * featureLength);
            for (int i = 0; i < n; i++) {
                float[] f = features.get(from + i);
                if (f.length != featureLength) {
                    inputBuffers.offer(buffer);
                    throw new IllegalArgumentException(name + ": feature vector of " + f.length + " values, expected " + featureLength);
                }
                buffer.put(f);
            }
            buffer.flip();
            long[] shape = new long[inputShape.length + 1];
            shape[0] = n;
            System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape);
                    OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
                OnnxValue value = result.get(0);
                if (!(value instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new IllegalStateException(name + ": output is not a float tensor");
                }
                FloatBuffer probs = t.getFloatBuffer();
                if (probs.remaining() != n * Emotion.COUNT) {
                    throw new IllegalStateException(name + ": output holds " + probs.remaining() + " values for a batch of "
                            + n + ", expected " + n * Emotion.COUNT);
                }
                for (int i = 0; i < n; i++) {
                    float[] row = new float[Emotion.COUNT];
                    probs.get(row);
                    checkProbabilities(row);
                    Temperature.applyInPlace(row, Emotion.COUNT, temperature);
                    out[from + i] = row;
                }
            } catch (OrtException e) {
                throw new IllegalStateException(name + ": ONNX Runtime failed (" + e.getMessage() + ")", e);
            } finally {
                if (!closed.get()) { // after close the pool stays empty, so its memory can go
                    inputBuffers.offer(buffer);
                }
            }
        }
        return out;
    }

    /** A cleared direct buffer of at least {@code floats} capacity, from the pool or new. */
    private FloatBuffer borrowInputBuffer(int floats) {
        FloatBuffer b = inputBuffers.poll();
        if (b == null || b.capacity() < floats) {
            b = java.nio.ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES))
                    .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        }
        b.clear();
        return b;
    }

    private void checkProbabilities(float[] row) {
        double sum = 0;
        for (float p : row) {
            if (!Float.isFinite(p) || p < 0) {
                throw new IncompatibleModelException(name, "output " + Arrays.toString(row)
                        + " is not a probability vector (does the model end in Softmax?)");
            }
            sum += p;
        }
        if (Math.abs(sum - 1.0) > PROBABILITY_SUM_TOLERANCE) {
            throw new IncompatibleModelException(name, "output " + Arrays.toString(row) + " sums to " + sum
                    + ", not 1 (does the model end in Softmax?)");
        }
    }

    /** Frees the session; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            inputBuffers.clear();
            closeQuietly(session, sessionOptions);
        }
    }

    /** Whether {@link #close()} has run. */
    boolean isClosed() {
        return closed.get();
    }

    private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                org.slf4j.LoggerFactory.getLogger(OnnxModel.class).warn("closing an ONNX session failed: {}", e.getMessage());
            }
        }
        if (options != null) {
            options.close();
        }
    }
}
