package org.ser4j.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ser4j.core.Emotion;
import org.ser4j.core.EmotionClassifier;
import org.ser4j.core.Prediction;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.AudioStreams;
import org.ser4j.core.audio.AudioLimits;
import org.ser4j.core.audio.Resampler;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.core.model.Temperature;

/**
 * An {@link EmotionClassifier} running one ONNX model, or several whose probabilities are
 * averaged with fixed weights (an ensemble), on ONNX Runtime. Obtain one from
 * {@link EmotionClassifiers}.
 *
 * <p><b>Pipeline.</b> A file is decoded to mono ({@link org.ser4j.core.audio.WavDecoder}),
 * resampled to the models' rate ({@link Resampler}), cut into windows of the models' clip length
 * (80,080 samples at 16 kHz for the bundled models; see {@link ClassifierOptions} for the hop),
 * each window is turned into features by the extractor the model's metadata names, standardised
 * with the metadata's mean and standard deviation, and run through the model. A clip shorter than
 * one window is zero-padded, as in training. The clip's prediction is the mean of its window
 * predictions; {@link #classifyTimeline} exposes the windows too.
 *
 * <p><b>Threads and resources.</b> Thread-safe: any number of threads may call the
 * {@code classify...} methods at once (each model has one {@code OrtSession}, whose {@code run} is
 * thread-safe). {@link #close()} waits for running calls, then frees the native sessions and the
 * worker threads of {@link #classifyAll}; afterwards every {@code classify...} call throws
 * {@link IllegalStateException}.
 */
public final class OnnxEmotionClassifier implements EmotionClassifier {
    private final String description;
    private final List<OnnxModel> models;
    private final float[] weights;
    /** How a stream is named in error messages. */
    private static final String STREAM = "<stream>";
    /** Calibration of the weighted mix (1: none). */
    private final double ensembleTemperature;
    private final ClassifierOptions options;
    private final AudioSource audio;
    private final int sampleRate;
    private final int windowSamples;
    private final AudioLimits limits;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;
    private ExecutorService workers;

    /**
     * Takes ownership of the models (closes them on failure and on {@link #close()}).
     *
     * @throws IllegalArgumentException if the models disagree on sample rate or window, the
     *     weights are not one non-negative finite value per model with a positive sum, or the hop
     *     exceeds the window
     */
    OnnxEmotionClassifier(String description, List<OnnxModel> models, float[] weights, ClassifierOptions options,
            AudioSource audio) {
        this(description, models, weights, 1.0, options, audio);
    }

    /**
     * A classifier whose weighted mix is calibrated by its own temperature (applied with
     * {@link Temperature} after the weighted sum; each model's own temperature, from its
     * metadata, is applied before).
     *
     * @param ensembleTemperature positive and finite; 1 for none
     */
    OnnxEmotionClassifier(String description, List<OnnxModel> models, float[] weights, double ensembleTemperature,
            ClassifierOptions options, AudioSource audio) {
        try {
            this.ensembleTemperature = Temperature.check(ensembleTemperature);
            if (models.isEmpty()) {
                throw new IllegalArgumentException("a classifier needs at least one model");
            }
            ModelMetadata first = models.get(0).metadata();
            for (OnnxModel m : models) {
                if (m.metadata().sampleRate() != first.sampleRate() || m.metadata().clipSamples() != first.clipSamples()) {
                    throw new IllegalArgumentException("models of one classifier must share sample rate and clip length: "
                            + models.get(0).name() + " has " + first.sampleRate() + " Hz / " + first.clipSamples()
                            + " samples, " + m.name() + " has " + m.metadata().sampleRate() + " Hz / "
                            + m.metadata().clipSamples() + " samples");
                }
            }
            this.weights = normalisedWeights(weights, models.size());
            if (options.hopSamples() > first.clipSamples()) {
                throw new IllegalArgumentException("hop of " + options.hopSamples() + " samples exceeds the model window of "
                        + first.clipSamples() + " samples; audio between windows would be skipped");
            }
            this.description = Objects.requireNonNull(description);
            this.models = List.copyOf(models);
            this.options = options;
            this.audio = audio;
            this.sampleRate = first.sampleRate();
            this.windowSamples = first.clipSamples();
            this.limits = options.audioLimits();
        } catch (RuntimeException e) {
            models.forEach(OnnxModel::close);
            throw e;
        }
    }

    private static float[] normalisedWeights(float[] weights, int count) {
        if (weights.length != count) {
            throw new IllegalArgumentException("expected " + count + " ensemble weights, got " + weights.length);
        }
        double sum = 0;
        for (float w : weights) {
            if (!Float.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("ensemble weights must be finite and non-negative: " + Arrays.toString(weights));
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("ensemble weights must not all be zero");
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) (weights[i] / sum);
        }
        return out;
    }

    /**
     * What this classifier runs, e.g. {@code "bundled ensemble (time 0.500, mel 0.500)"} or a model
     * path.
     *
     * @return {@code "bundled time model"}, {@code "bundled mel model"},
     *     {@code "bundled ensemble (time W, mel W)"} with the normalised weights to three decimals,
     *     or the path of a model given to {@link EmotionClassifiers#fromOnnx(Path)}
     */
    public String description() {
        return description;
    }

    /**
     * The metadata of each model, in the order of {@link #weights()}.
     *
     * @return an unmodifiable list with one entry per model (time, then mel, for the bundled
     *     ensemble); still available after {@link #close()}
     */
    public List<ModelMetadata> metadata() {
        return models.stream().map(OnnxModel::metadata).toList();
    }

    /**
     * The weight of each model's probabilities, summing to 1.
     *
     * @return a fresh copy, one weight in {@code [0, 1]} per model in the order of {@link #metadata()},
     *     normalised to sum 1 up to float rounding; {@code {1}} for a single model
     */
    public float[] weights() {
        return weights.clone();
    }

    /**
     * The options this classifier was built with.
     *
     * @return the hop, batch size and thread counts in use
     */
    public ClassifierOptions options() {
        return options;
    }

    /**
     * The sample rate the models work at, Hz; audio at other rates is resampled.
     *
     * @return sample rate in Hz (16,000 for the bundled models)
     */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * The model window, in samples at {@link #sampleRate()}.
     *
     * @return window length in samples (80,080, about 5.005 s at 16 kHz, for the bundled models)
     */
    public int windowSamples() {
        return windowSamples;
    }

    /**
     * Decodes and classifies a WAV file (any rate, mono or multi-channel).
     *
     * @throws IOException naming the file if it cannot be read, is not a supported WAV file, or
     *     holds no samples
     * @throws IllegalStateException if this classifier is closed
     */
    @Override
    public Prediction classify(Path wav) throws IOException {
        return classifyTimeline(wav).overall();
    }

    /**
     * Classifies decoded audio, resampling it to {@link #sampleRate()} and cutting it into windows.
     *
     * @throws IllegalArgumentException if the clip holds no samples, is longer than
     *     {@link ClassifierOptions#maxDuration()}, or its rate is outside 1 kHz .. 384 kHz
     * @throws IllegalStateException if this classifier is closed
     */
    @Override
    public Prediction classify(AudioClip clip) {
        return classifyTimeline(clip).overall();
    }

    /**
     * Classifies audio read from a stream, its format found from its content; the stream is read
     * to its end and not closed. The same limits as for files apply
     * ({@link ClassifierOptions#audioLimits()}, {@link ClassifierOptions#maxDuration()}).
     *
     * @throws IOException if the stream cannot be read or is not audio ser4j decodes
     *     ({@link AudioFormatException}, naming {@code <stream>})
     * @throws IllegalStateException if this classifier is closed
     */
    @Override
    public Prediction classify(InputStream audio) throws IOException {
        return classifyTimeline(audio).overall();
    }

    /**
     * The per-window predictions of audio read from a stream, and their mean.
     *
     * @param audio the encoded audio; read to its end, not closed
     * @return one prediction per model window, in time order, and their mean
     * @throws IOException if the stream cannot be read or is not audio ser4j decodes
     * @throws IllegalStateException if this classifier is closed
     */
    public Timeline classifyTimeline(InputStream audio) throws IOException {
        Objects.requireNonNull(audio, "audio");
        ensureOpen();
        AudioClip clip = AudioStreams.read(audio, STREAM, limits);
        return timelineWhileOpen(atModelRateChecked(clip, STREAM));
    }

    /**
     * The per-window predictions of a WAV file and their mean.
     *
     * @param wav a WAV file at any sample rate, mono or multi-channel (mixed down as librosa does)
     * @return one prediction per model window, in time order, and their mean
     * @throws IOException naming the file if it cannot be read, is not a supported WAV file, or
     *     holds no samples
     * @throws IllegalStateException if this classifier is closed
     */
    public Timeline classifyTimeline(Path wav) throws IOException {
        Objects.requireNonNull(wav, "wav");
        ensureOpen();
        float[] samples = load(wav);
        return timelineWhileOpen(samples);
    }

    /**
     * The per-window predictions of decoded audio and their mean.
     *
     * @param clip mono audio at any sample rate (resampled to {@link #sampleRate()})
     * @return one prediction per model window, in time order, and their mean
     * @throws IllegalArgumentException if the clip holds no samples, is longer than
     *     {@link ClassifierOptions#maxDuration()}, or its rate is outside 1 kHz .. 384 kHz
     * @throws IllegalStateException if this classifier is closed
     */
    public Timeline classifyTimeline(AudioClip clip) {
        Objects.requireNonNull(clip, "clip");
        ensureOpen();
        String tooLong = tooLongToResample(clip);
        if (tooLong != null) {
            throw new IllegalArgumentException("the clip holds " + tooLong);
        }
        float[] samples = atModelRate(clip);
        if (samples.length == 0) {
            throw new IllegalArgumentException("the clip holds no samples");
        }
        return timelineWhileOpen(samples);
    }

    /**
     * Classifies many files for throughput and hands each result to {@code consumer} as soon as
     * it and every file before it are done, in the order given, on the calling thread. Decoding
     * and feature extraction run on {@link ClassifierOptions#parallelism()} threads, inference in
     * batches of {@link ClassifierOptions#batchSize()} windows. The paths are read from
     * {@code wavs} lazily and at most {@code 2 * parallelism} groups of at most {@code batchSize}
     * files are in flight, so memory stays bounded however long the input (a million-file list
     * streams through).
     *
     * <p>A file that fails gets a failure result (with its exception) and the others are still
     * classified. If a worker throws an {@link Error} (such as an {@link OutOfMemoryError}) or
     * {@code consumer} throws, the run stops: the workers are told to stop and awaited, and the
     * throwable propagates; every result before the failing group has been delivered. On
     * interruption the files not yet classified get failure results ("classification
     * interrupted"), and the interrupt flag is restored. {@code consumer} must not close this
     * classifier (close waits for this call).
     *
     * @param wavs the WAV files, read once, lazily; none may be null
     * @param consumer receives one result per path, in the order of {@code wavs}
     * @throws NullPointerException if an argument is null, or when a null element of {@code wavs}
     *     is reached (the message gives its index; results before it have been delivered)
     * @throws IllegalStateException if this classifier is closed
     */
    public void classifyEach(Iterable<Path> wavs, Consumer<? super ClassificationResult> consumer) {
        Objects.requireNonNull(wavs, "wavs");
        Objects.requireNonNull(consumer, "consumer");
        lock.readLock().lock();
        try {
            ensureOpenLocked();
            int sizeHint = wavs instanceof Collection<?> c ? c.size() : 0;
            new StreamingBatchClassifier(this, workers()).run(wavs, sizeHint, consumer);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Classifies many files for throughput, as {@link #classifyEach} does, and collects the
     * results. A file that fails gets an error entry; the others are still classified.
     *
     * @param wavs the WAV files; none may be null
     * @return one result per path, in the order given
     * @throws NullPointerException if {@code wavs} or one of its elements is null (the message
     *     gives the element's index)
     * @throws IllegalStateException if this classifier is closed
     */
    public List<ClassificationResult> classifyAll(List<Path> wavs) {
        Objects.requireNonNull(wavs, "wavs");
        for (int i = 0; i < wavs.size(); i++) {
            Objects.requireNonNull(wavs.get(i), "path " + i + " of the list");
        }
        List<Path> files = List.copyOf(wavs);
        List<ClassificationResult> results = new ArrayList<>(files.size());
        classifyEach(files, results::add);
        return results;
    }

    /** The batch size and hop in use (for {@link StreamingBatchClassifier}). */
    ClassifierOptions batchOptions() {
        return options;
    }

    /** Number of model windows of a clip of {@code length} model-rate samples. */
    int windowCount(int length) {
        return Windows.count(length, windowSamples, options.hopSamples());
    }

    /** Features of windows {@code from .. from+count-1} of {@code samples}, per model. */
    List<List<float[]>> features(float[] samples, int from, int count) {
        List<List<float[]>> features = new ArrayList<>(models.size());
        for (OnnxModel model : models) {
            List<float[]> perModel = new ArrayList<>(count);
            for (int w = from; w < from + count; w++) {
                perModel.add(model.features(Windows.slice(samples, w, windowSamples, options.hopSamples())));
            }
            features.add(perModel);
        }
        return features;
    }

    /** Streams a clip's windows through the models a batch at a time. Caller holds the read lock. */
    Timeline timeline(float[] samples) {
        int n = Windows.count(samples.length, windowSamples, options.hopSamples());
        int batch = options.batchSize();
        float[][] combined = new float[n][];
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            float[][] part = combine(features(samples, from, count));
            System.arraycopy(part, 0, combined, from, count);
        }
        return assemble(combined, 0, n, samples.length);
    }

    /** Weighted sum over models of each window's probabilities. */
    float[][] combine(List<List<float[]>> featuresPerModel) {
        int n = featuresPerModel.get(0).size();
        float[][] combined = new float[n][Emotion.COUNT];
        for (int m = 0; m < models.size(); m++) {
            float[][] p = models.get(m).probabilities(featuresPerModel.get(m), options.batchSize());
            float w = weights[m];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < Emotion.COUNT; c++) {
                    combined[i][c] += w * p[i][c];
                }
            }
        }
        if (ensembleTemperature != 1.0) {
            for (float[] row : combined) {
                Temperature.applyInPlace(row, Emotion.COUNT, ensembleTemperature);
            }
        }
        return combined;
    }

    /** The timeline of windows {@code offset .. offset+n-1} of {@code combined} for a clip of {@code length} samples. */
    Timeline assemble(float[][] combined, int offset, int n, int length) {
        List<WindowPrediction> windows = new ArrayList<>(n);
        double[] sum = new double[Emotion.COUNT];
        for (int w = 0; w < n; w++) {
            float[] p = combined[offset + w];
            long start = Windows.start(w, options.hopSamples());
            long end = Math.min(start + windowSamples, length);
            windows.add(new WindowPrediction(start / (double) sampleRate, end / (double) sampleRate, Prediction.of(p)));
            for (int c = 0; c < Emotion.COUNT; c++) {
                sum[c] += p[c];
            }
        }
        float[] mean = new float[Emotion.COUNT];
        for (int c = 0; c < Emotion.COUNT; c++) {
            mean[c] = (float) (sum[c] / n);
        }
        return new Timeline(windows, Prediction.of(mean), length / (double) sampleRate);
    }

    /** The file's samples at the model rate; refused from the header when outside the options' limits. */
    float[] load(Path path) throws IOException {
        return atModelRateChecked(audio.read(path, limits), path.toString());
    }

    /** A decoded clip at the model rate; refused when outside the options' limits or empty. */
    private float[] atModelRateChecked(AudioClip clip, String source) throws AudioFormatException {
        String tooLong = tooLongToResample(clip);
        if (tooLong != null) {
            throw new AudioFormatException(source, tooLong);
        }
        float[] samples = atModelRate(clip);
        if (samples.length == 0) {
            throw new AudioFormatException(source, "holds no audio samples");
        }
        return samples;
    }

    /**
     * Why the clip cannot be brought to the model rate, or null: longer than the maximum duration,
     * or (a safety net for small heaps) needing more than a quarter of the maximum heap at the model
     * rate, checked before the resampler allocates.
     */
    private String tooLongToResample(AudioClip clip) {
        double seconds = clip.durationSeconds();
        double limit = options.maxDuration().toMillis() / 1000.0;
        if (seconds > limit) {
            return String.format(java.util.Locale.ROOT, "%.1f s of audio, longer than the limit of %.1f s", seconds, limit);
        }
        long out = ((long) clip.length() * sampleRate + clip.sampleRate() - 1) / clip.sampleRate();
        long bytes = 4 * out;
        long budget = Runtime.getRuntime().maxMemory() / 4;
        if (bytes > budget) {
            return String.format(java.util.Locale.ROOT, "%.1f s of audio need %d MiB at %d Hz, more than a quarter of the"
                    + " maximum heap (%d MiB)", seconds, bytes >> 20, sampleRate, Runtime.getRuntime().maxMemory() >> 20);
        }
        return null;
    }

    private float[] atModelRate(AudioClip clip) {
        return clip.sampleRate() == sampleRate ? clip.samples() : Resampler.resample(clip, sampleRate).samples();
    }

    private synchronized ExecutorService workers() {
        if (workers == null) {
            AtomicInteger counter = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "ser4j-classify-" + counter.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            workers = Executors.newFixedThreadPool(options.parallelism(), factory);
        }
        return workers;
    }

    /** The timeline of model-rate samples, holding the read lock so that close() waits for it. */
    private Timeline timelineWhileOpen(float[] samples) {
        lock.readLock().lock();
        try {
            ensureOpenLocked();
            return timeline(samples);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        lock.readLock().lock();
        try {
            ensureOpenLocked();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureOpenLocked() {
        if (closed) {
            throw new IllegalStateException("classifier " + description + " is closed");
        }
    }

    /** Waits for running calls, then frees the ONNX sessions and worker threads. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (this) {
                if (workers != null) {
                    workers.shutdownNow();
                }
            }
            models.forEach(OnnxModel::close);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxEmotionClassifier[" + description + "]";
    }
}
