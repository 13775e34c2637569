package org.ser4j.models;

import java.time.Duration;
import java.util.Objects;
import org.ser4j.core.audio.AudioLimits;

/**
 * How an {@link OnnxEmotionClassifier} slices long clips and spreads work over threads.
 * Immutable; start from {@link #defaults()} and change single fields with the {@code with...}
 * methods.
 *
 * <p>A clip longer than the model window (80,080 samples, about 5 s, at 16 kHz for the bundled
 * models) is cut into windows of the window length starting every {@code hopSamples} samples;
 * the last window is zero-padded like a short training clip. With the default hop of 40,040
 * samples (half a window, about 2.5 s at 16 kHz) neighbouring windows overlap by half, so every
 * sample except those of the first and last half-window is seen twice.
 *
 * @param hopSamples distance between window starts, in samples at the model's sample rate; at
 *     least 1 and at most the model window (checked when the classifier is built). Default 40,040.
 * @param batchSize windows per ONNX Runtime call, at least 1. Default 32.
 * @param parallelism threads that decode and extract features in
 *     {@link OnnxEmotionClassifier#classifyAll(java.util.List)}, at least 1. Default: available processors.
 * @param inferenceThreads ONNX Runtime intra-op threads per model; 0 lets ONNX Runtime choose
 *     (one per core). Default 1: measured on a 2-vCPU AMD EPYC (Zen 4), one ONNX Runtime thread
 *     per model was faster both for single calls and for {@code classifyAll}'s parallel workers
 *     (359-370 against 293-296 clips/s with one worker, 598-632 against 434-458 with two), since
 *     the workers already use every core and a pool per model only adds hand-offs and spinning.
 * @param maxDuration longest audio classified per file: a longer file fails with an
 *     {@link org.ser4j.core.audio.AudioFormatException} from its header, before its samples are
 *     allocated. Default {@link AudioLimits#DEFAULT_MAX_DURATION} (4 hours).
 */
public record ClassifierOptions(int hopSamples, int batchSize, int parallelism, int inferenceThreads,
        Duration maxDuration) {
    /** Default hop between window starts: half of the 80,080-sample window. */
    public static final int DEFAULT_HOP_SAMPLES = 40_040;
    /** Default number of windows per inference call. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    /**
     * Checks the arguments.
     *
     * @param hopSamples distance between window starts, in samples at the model's sample rate,
     *     {@code >= 1}; the upper bound (the model window) is checked when the classifier is built
     * @param batchSize windows per ONNX Runtime call, {@code >= 1}
     * @param parallelism feature-extraction threads of {@code classifyAll}, {@code >= 1}
     * @param inferenceThreads ONNX Runtime intra-op threads per model, {@code >= 0}; 0 lets ONNX
     *     Runtime choose
     * @param maxDuration longest audio classified per file, positive, not null
     * @throws IllegalArgumentException if an argument is below its minimum
     * @throws NullPointerException if {@code maxDuration} is null
     */
    public ClassifierOptions {
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive, got " + maxDuration);
        }
        if (hopSamples < 1) {
            throw new IllegalArgumentException("hopSamples must be at least 1, got " + hopSamples);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        if (inferenceThreads < 0) {
            throw new IllegalArgumentException("inferenceThreads must be 0 (ONNX Runtime's choice) or positive, got " + inferenceThreads);
        }
    }

    /**
     * Hop 40,040 samples, batches of 32, one feature thread per processor, ONNX Runtime's own
     * thread count, at most 4 hours of audio per file.
     *
     * @return {@code new ClassifierOptions(40_040, 32, availableProcessors(), 0, 4 h)}; the hop suits the
     *     bundled models' 80,080-sample window, so a model with a window shorter than 40,040 samples
     *     needs {@link #withHopSamples} or building its classifier fails
     */
    public static ClassifierOptions defaults() {
        return new ClassifierOptions(DEFAULT_HOP_SAMPLES, DEFAULT_BATCH_SIZE, Runtime.getRuntime().availableProcessors(), 1,
                AudioLimits.DEFAULT_MAX_DURATION);
    }

    /**
     * These options with another hop, in samples at the model's sample rate.
     *
     * @param hop distance between window starts in samples, {@code >= 1} and at most the model window
     *     (80,080 for the bundled models; 16,000 is 1 s at 16 kHz)
     * @return a copy with {@code hopSamples = hop}
     * @throws IllegalArgumentException if {@code hop < 1}
     */
    public ClassifierOptions withHopSamples(int hop) {
        return new ClassifierOptions(hop, batchSize, parallelism, inferenceThreads, maxDuration);
    }

    /**
     * These options with another inference batch size.
     *
     * @param size windows per ONNX Runtime call, {@code >= 1}; a model whose input has a fixed batch
     *     dimension of 1 still runs one window per call
     * @return a copy with {@code batchSize = size}
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public ClassifierOptions withBatchSize(int size) {
        return new ClassifierOptions(hopSamples, size, parallelism, inferenceThreads, maxDuration);
    }

    /**
     * These options with another number of feature-extraction threads for {@code classifyAll}.
     *
     * @param threads decoding and feature-extraction threads, {@code >= 1}; the single-file
     *     {@code classify...} methods run on the caller's thread and ignore it
     * @return a copy with {@code parallelism = threads}
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public ClassifierOptions withParallelism(int threads) {
        return new ClassifierOptions(hopSamples, batchSize, threads, inferenceThreads, maxDuration);
    }

    /**
     * These options with another ONNX Runtime intra-op thread count (0: ONNX Runtime's choice).
     *
     * @param threads intra-op threads per model session, {@code >= 0}; 0 lets ONNX Runtime choose
     *     (one per core)
     * @return a copy with {@code inferenceThreads = threads}
     * @throws IllegalArgumentException if {@code threads < 0}
     */
    public ClassifierOptions withInferenceThreads(int threads) {
        return new ClassifierOptions(hopSamples, batchSize, parallelism, threads, maxDuration);
    }

    /**
     * These options with another longest duration per file.
     *
     * @param duration longest audio classified per file, positive; longer files fail from their
     *     header, before their samples are read
     * @return a copy with {@code maxDuration = duration}
     * @throws IllegalArgumentException if {@code duration} is not positive
     * @throws NullPointerException if {@code duration} is null
     */
    public ClassifierOptions withMaxDuration(Duration duration) {
        return new ClassifierOptions(hopSamples, batchSize, parallelism, inferenceThreads, duration);
    }

    /**
     * The decoder limits these options imply.
     *
     * @return {@link AudioLimits#DEFAULT} with {@link #maxDuration()}
     */
    public AudioLimits audioLimits() {
        return AudioLimits.DEFAULT.withMaxDuration(maxDuration);
    }
}
