package org.ser4j.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import org.ser4j.core.Prediction;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.ModelMetadata;

/**
 * The {@link WindowedEmotionClassifier} on ONNX Runtime, an implementation detail behind
 * {@link EmotionClassifiers}. It only wires the parts together, each with one job:
 * {@link ModelRateAudio} (decode, limits, resample), {@link WindowedInference} (windows and the
 * timeline), {@link WeightedEnsemble} (the models, their weights and the mix's temperature),
 * {@link StreamingBatchClassifier} (batches across files), {@link FailureResults} (failures as
 * results) and {@link ClassifierLifecycle} (the lock that makes close wait, and the owned worker
 * pool).
 */
final class OnnxEmotionClassifier implements WindowedEmotionClassifier {
    private final String description;
    private final WeightedEnsemble ensemble;
    private final ClassifierOptions options;
    private final ModelRateAudio audio;
    private final WindowedInference inference;
    private final ClassifierLifecycle lifecycle;

    /** Takes ownership of the models (closes them on failure and on {@link #close()}); no ensemble temperature. */
    OnnxEmotionClassifier(String description, List<OnnxModel> models, float[] weights, ClassifierOptions options,
            AudioSource audio) {
        this(description, models, weights, 1.0, options, audio);
    }

    /**
     * Takes ownership of the models (closes them on failure and on {@link #close()}).
     *
     * @param ensembleTemperature calibration of the weighted mix; positive and finite, 1 for none
     * @throws IllegalArgumentException if the models disagree on sample rate or window, the
     *     weights are not one non-negative finite value per model with a positive sum, the
     *     temperature is not positive and finite, or the hop exceeds the window
     */
    OnnxEmotionClassifier(String description, List<OnnxModel> models, float[] weights, double ensembleTemperature,
            ClassifierOptions options, AudioSource audio) {
        try {
            this.ensemble = new WeightedEnsemble(models, weights, ensembleTemperature);
            this.inference = new WindowedInference(ensemble, options.hopSamples(), options.batchSize());
            this.description = Objects.requireNonNull(description);
            this.options = options;
            this.audio = new ModelRateAudio(audio, options, ensemble.sampleRate());
            this.lifecycle = new ClassifierLifecycle(description, options.parallelism());
        } catch (RuntimeException e) {
            models.forEach(OnnxModel::close);
            throw e;
        }
    }

    @Override
    public String description() {
        return description;
    }

    /** {@inheritDoc} Still available after {@link #close()}. */
    @Override
    public List<ModelMetadata> metadata() {
        return ensemble.metadata();
    }

    /** The weight of each model's probabilities, normalised to sum 1, in the order of {@link #metadata()}. */
    float[] weights() {
        return ensemble.weights();
    }

    /** The options this classifier was built with. */
    ClassifierOptions options() {
        return options;
    }

    @Override
    public int sampleRate() {
        return ensemble.sampleRate();
    }

    @Override
    public int windowSamples() {
        return ensemble.windowSamples();
    }

    @Override
    public Prediction classify(Path wav) throws IOException {
        return classifyTimeline(wav).overall();
    }

    @Override
    public Prediction classify(AudioClip clip) {
        return classifyTimeline(clip).overall();
    }

    @Override
    public Prediction classify(InputStream audio) throws IOException {
        return classifyTimeline(audio).overall();
    }

    @Override
    public Timeline classifyTimeline(InputStream stream) throws IOException {
        Objects.requireNonNull(stream, "audio");
        lifecycle.ensureOpen();
        float[] samples = audio.read(stream);
        return lifecycle.whileOpen(() -> inference.timeline(samples));
    }

    @Override
    public Timeline classifyTimeline(Path wav) throws IOException {
        Objects.requireNonNull(wav, "wav");
        lifecycle.ensureOpen();
        float[] samples = audio.read(wav);
        return lifecycle.whileOpen(() -> inference.timeline(samples));
    }

    @Override
    public Timeline classifyTimeline(AudioClip clip) {
        Objects.requireNonNull(clip, "clip");
        lifecycle.ensureOpen();
        float[] samples = audio.of(clip);
        return lifecycle.whileOpen(() -> inference.timeline(samples));
    }

    @Override
    public EmotionStream openStream(int sampleRate) {
        lifecycle.ensureOpen();
        return new WindowedEmotionStream(inference, lifecycle, options, ensemble.sampleRate(), ensemble.windowSamples(),
                sampleRate, null);
    }

    @Override
    public EmotionStream openStream(AudioFormat format) {
        Objects.requireNonNull(format, "format");
        lifecycle.ensureOpen();
        return new WindowedEmotionStream(inference, lifecycle, options, ensemble.sampleRate(), ensemble.windowSamples(),
                WindowedEmotionStream.wholeRate(format), format);
    }

    @Override
    public void classifyEach(Iterable<Path> wavs, Consumer<? super ClassificationResult> consumer) {
        run(wavs, null, consumer);
    }

    @Override
    public void classifyEach(Iterable<Path> wavs, Executor executor, Consumer<? super ClassificationResult> consumer) {
        run(wavs, Objects.requireNonNull(executor, "executor"), consumer);
    }

    /** A batch run on {@code executor}, or on the owned workers when it is null. */
    private void run(Iterable<Path> wavs, Executor executor, Consumer<? super ClassificationResult> consumer) {
        Objects.requireNonNull(wavs, "wavs");
        Objects.requireNonNull(consumer, "consumer");
        lifecycle.whileOpen(() -> {
            int sizeHint = wavs instanceof Collection<?> c ? c.size() : 0;
            Executor pool = executor != null ? executor : lifecycle.workers();
            new StreamingBatchClassifier<Path>(audio::read, p -> p, inference, pool, options.parallelism())
                    .run(wavs, sizeHint, consumer);
            return null;
        });
    }

    @Override
    public void classifyEachEncoded(Iterable<EncodedAudio> clips, Executor executor,
            Consumer<? super ClassificationResult> consumer) {
        Objects.requireNonNull(clips, "clips");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(consumer, "consumer");
        lifecycle.whileOpen(() -> {
            int sizeHint = clips instanceof Collection<?> c ? c.size() : 0;
            new StreamingBatchClassifier<EncodedAudio>(audio::read, EncodedAudio::name, inference, executor,
                    options.parallelism()).run(clips, sizeHint, consumer);
            return null;
        });
    }

    @Override
    public List<ClassificationResult> classifyAllEncoded(List<EncodedAudio> clips) {
        Objects.requireNonNull(clips, "clips");
        for (int i = 0; i < clips.size(); i++) {
            Objects.requireNonNull(clips.get(i), "clip " + i + " of the list");
        }
        List<EncodedAudio> copy = List.copyOf(clips);
        List<ClassificationResult> results = new ArrayList<>(copy.size());
        lifecycle.whileOpen(() -> {
            new StreamingBatchClassifier<EncodedAudio>(audio::read, EncodedAudio::name, inference, lifecycle.workers(),
                    options.parallelism()).run(copy, copy.size(), results::add);
            return null;
        });
        return results;
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Path> wavs) {
        List<Path> files = checkedCopy(wavs);
        List<ClassificationResult> results = new ArrayList<>(files.size());
        classifyEach(files, results::add);
        return results;
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Path> wavs, Executor executor) {
        List<Path> files = checkedCopy(wavs);
        Objects.requireNonNull(executor, "executor");
        List<ClassificationResult> results = new ArrayList<>(files.size());
        classifyEach(files, executor, results::add);
        return results;
    }

    private static List<Path> checkedCopy(List<Path> wavs) {
        Objects.requireNonNull(wavs, "wavs");
        for (int i = 0; i < wavs.size(); i++) {
            Objects.requireNonNull(wavs.get(i), "path " + i + " of the list");
        }
        return List.copyOf(wavs);
    }

    /** Waits for running calls, then frees the ONNX sessions and the owned worker threads. Idempotent. */
    @Override
    public void close() {
        lifecycle.close(ensemble::close);
    }

    @Override
    public String toString() {
        return "OnnxEmotionClassifier[" + description + "]";
    }
}
