package org.ser4j.models;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.ser4j.core.Emotion;
import org.ser4j.core.EmotionClassifier;
import org.ser4j.core.Prediction;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.Resampler;
import org.ser4j.core.model.ModelMetadata;

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
    private final ClassifierOptions options;
    private final AudioSource audio;
    private final int sampleRate;
    private final int windowSamples;
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
        try {
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
     * @throws IllegalArgumentException if the clip holds no samples
     * @throws IllegalStateException if this classifier is closed
     */
    @Override
    public Prediction classify(AudioClip clip) {
        return classifyTimeline(clip).overall();
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
     * @throws IllegalArgumentException if the clip holds no samples
     * @throws IllegalStateException if this classifier is closed
     */
    public Timeline classifyTimeline(AudioClip clip) {
        Objects.requireNonNull(clip, "clip");
        ensureOpen();
        float[] samples = atModelRate(clip);
        if (samples.length == 0) {
            throw new IllegalArgumentException("the clip holds no samples");
        }
        return timelineWhileOpen(samples);
    }

    /**
     * Classifies many files for throughput: decoding and feature extraction run on
     * {@link ClassifierOptions#parallelism()} threads, inference in batches of
     * {@link ClassifierOptions#batchSize()} windows. A file that fails gets an error entry; the
     * others are still classified.
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
        if (files.isEmpty()) {
            ensureOpen();
            return List.of();
        }
        lock.readLock().lock();
        try {
            ensureOpenLocked();
            int chunk = Math.max(1, Math.min(options.batchSize(),
                    (files.size() + options.parallelism() - 1) / options.parallelism()));
            ExecutorService pool = workers();
            // On interruption the tasks are told to stop, not cancelled: a cancelled task may still be
            // inside ONNX Runtime, and the read lock must be held until every task has returned.
            AtomicBoolean abort = new AtomicBoolean();
            List<Future<List<ClassificationResult>>> futures = new ArrayList<>();
            List<List<Path>> chunks = new ArrayList<>();
            for (int from = 0; from < files.size(); from += chunk) {
                List<Path> part = files.subList(from, Math.min(files.size(), from + chunk));
                chunks.add(part);
                futures.add(pool.submit(() -> classifyChunk(part, abort)));
            }
            List<ClassificationResult> results = new ArrayList<>(files.size());
            boolean interrupted = false;
            for (int i = 0; i < futures.size(); i++) {
                while (true) {
                    try {
                        results.addAll(futures.get(i).get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        abort.set(true);
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof Error err) {
                            abort.set(true);
                            awaitAll(futures);
                            throw err;
                        }
                        chunks.get(i).forEach(p -> results.add(ClassificationResult.failure(p, describe(p, cause))));
                        break;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return results;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Waits, ignoring interrupts, until every task has finished; restores the interrupt flag. */
    private static void awaitAll(List<? extends Future<?>> futures) {
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Classifies a few files on one worker thread. Windows of consecutive files share inference
     * batches; features are held for at most about two batches at a time, so memory stays bounded
     * however many files or cores there are.
     */
    private List<ClassificationResult> classifyChunk(List<Path> files, AtomicBoolean abort) {
        ClassificationResult[] results = new ClassificationResult[files.size()];
        PendingBatch pending = new PendingBatch(models.size());
        for (int f = 0; f < files.size(); f++) {
            Path path = files.get(f);
            if (abort.get()) {
                results[f] = ClassificationResult.failure(path, path + ": classification interrupted");
                continue;
            }
            try {
                float[] samples = load(path);
                int n = Windows.count(samples.length, windowSamples, options.hopSamples());
                if (n > options.batchSize()) {
                    // A long recording streams through its own batches instead of holding all its features.
                    results[f] = ClassificationResult.success(path, timeline(samples));
                    continue;
                }
                List<List<float[]>> mine = new ArrayList<>();
                for (OnnxModel model : models) {
                    List<float[]> perModel = new ArrayList<>(n);
                    for (int w = 0; w < n; w++) {
                        perModel.add(model.features(Windows.slice(samples, w, windowSamples, options.hopSamples())));
                    }
                    mine.add(perModel);
                }
                pending.add(f, samples.length, n, mine);
            } catch (IOException | RuntimeException e) {
                results[f] = ClassificationResult.failure(path, describe(path, e));
            }
            if (pending.windows >= options.batchSize()) {
                flush(pending, files, results);
            }
        }
        flush(pending, files, results);
        return Arrays.asList(results);
    }

    /** Runs the pending windows through the models and fills in their files' results. */
    private void flush(PendingBatch pending, List<Path> files, ClassificationResult[] results) {
        if (pending.files.isEmpty()) {
            return;
        }
        try {
            float[][] combined = combine(pending.features);
            int offset = 0;
            for (int i = 0; i < pending.files.size(); i++) {
                int f = pending.files.get(i);
                int n = pending.windowCounts.get(i);
                results[f] = ClassificationResult.success(files.get(f), assemble(combined, offset, n, pending.lengths.get(i)));
                offset += n;
            }
        } catch (RuntimeException e) {
            for (int f : pending.files) {
                results[f] = ClassificationResult.failure(files.get(f), describe(files.get(f), e));
            }
        }
        pending.clear();
    }

    /** Features of files waiting for inference, per model, with each file's index, length and window count. */
    private static final class PendingBatch {
        final List<Integer> files = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        final List<Integer> windowCounts = new ArrayList<>();
        final List<List<float[]>> features = new ArrayList<>();
        int windows;

        PendingBatch(int models) {
            for (int m = 0; m < models; m++) {
                features.add(new ArrayList<>());
            }
        }

        void add(int file, int length, int windowCount, List<List<float[]>> perModel) {
            files.add(file);
            lengths.add(length);
            windowCounts.add(windowCount);
            for (int m = 0; m < features.size(); m++) {
                features.get(m).addAll(perModel.get(m));
            }
            windows += windowCount;
        }

        void clear() {
            files.clear();
            lengths.clear();
            windowCounts.clear();
            features.forEach(List::clear);
            windows = 0;
        }
    }

    /** Streams a clip's windows through the models a batch at a time. Caller holds the read lock. */
    private Timeline timeline(float[] samples) {
        int n = Windows.count(samples.length, windowSamples, options.hopSamples());
        int batch = options.batchSize();
        float[][] combined = new float[n][];
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            List<List<float[]>> features = new ArrayList<>();
            for (OnnxModel model : models) {
                List<float[]> perModel = new ArrayList<>(count);
                for (int w = from; w < from + count; w++) {
                    perModel.add(model.features(Windows.slice(samples, w, windowSamples, options.hopSamples())));
                }
                features.add(perModel);
            }
            float[][] part = combine(features);
            System.arraycopy(part, 0, combined, from, count);
        }
        return assemble(combined, 0, n, samples.length);
    }

    /** Weighted sum over models of each window's probabilities. */
    private float[][] combine(List<List<float[]>> featuresPerModel) {
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
        return combined;
    }

    /** The timeline of windows {@code offset .. offset+n-1} of {@code combined} for a clip of {@code length} samples. */
    private Timeline assemble(float[][] combined, int offset, int n, int length) {
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

    private float[] load(Path path) throws IOException {
        AudioClip clip = audio.read(path);
        float[] samples = atModelRate(clip);
        if (samples.length == 0) {
            throw new AudioFormatException(path.toString(), "holds no audio samples");
        }
        return samples;
    }

    private float[] atModelRate(AudioClip clip) {
        return clip.sampleRate() == sampleRate ? clip.samples() : Resampler.resample(clip, sampleRate).samples();
    }

    /** One line saying why a file failed, naming the file once. */
    static String describe(Path path, Throwable e) {
        String file = path.toString();
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return file + ": permission denied";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains(file) ? message : file + ": " + message;
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
