package org.ser4j.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import org.ser4j.core.EmotionClassifier;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.ModelMetadata;

/**
 * An {@link EmotionClassifier} that works in fixed model windows: it also gives the per-window
 * predictions of long recordings ({@link #classifyTimeline}) and classifies many files for
 * throughput ({@link #classifyEach}, {@link #classifyAll}). Every factory of
 * {@link EmotionClassifiers} returns one.
 *
 * <p><b>Pipeline.</b> Audio is decoded to mono, resampled to {@link #sampleRate()}, cut into
 * windows of {@link #windowSamples()} samples (see {@link ClassifierOptions#hopSamples()} for
 * the hop), each window is turned into the features the model's metadata names, standardised and
 * run through the model (or each model of an ensemble, whose probabilities are mixed with fixed
 * weights). A clip shorter than one window is zero-padded, as in training. A clip's prediction is
 * the mean of its window predictions.
 *
 * <p><b>Threads and resources.</b> Thread-safe: any number of threads may call the
 * {@code classify...} methods at once. {@link #close()} waits for running calls, then frees the
 * native sessions and the classifier's own worker threads; afterwards every {@code classify...}
 * call throws {@link IllegalStateException}. {@link #description()}, {@link #metadata()},
 * {@link #sampleRate()} and {@link #windowSamples()} stay available after close.
 */
public interface WindowedEmotionClassifier extends EmotionClassifier {

    /**
     * What this classifier runs.
     *
     * @return {@code "bundled time model"}, {@code "bundled mel model"},
     *     {@code "bundled ensemble (time W, mel W)"} with the normalised weights to three decimals,
     *     or the path of a model given to {@link EmotionClassifiers#fromOnnx(Path)}
     */
    String description();

    /**
     * The metadata of each model this classifier runs.
     *
     * @return an unmodifiable list with one entry per model (time, then mel, for the bundled
     *     ensemble)
     */
    List<ModelMetadata> metadata();

    /**
     * The sample rate the models work at; audio at other rates is resampled.
     *
     * @return sample rate in Hz (16,000 for the bundled models)
     */
    int sampleRate();

    /**
     * The model window, in samples at {@link #sampleRate()}.
     *
     * @return window length in samples (80,080, about 5.005 s at 16 kHz, for the bundled models)
     */
    int windowSamples();

    /**
     * The per-window predictions of a WAV file and their mean.
     *
     * @param wav a WAV file at any sample rate, mono or multi-channel (mixed down as librosa does)
     * @return one prediction per model window, in time order, and their mean
     * @throws IOException naming the file if it cannot be read, is not a supported WAV file, or
     *     holds no samples
     * @throws IllegalStateException if this classifier is closed
     */
    Timeline classifyTimeline(Path wav) throws IOException;

    /**
     * The per-window predictions of decoded audio and their mean.
     *
     * @param clip mono audio at any sample rate (resampled to {@link #sampleRate()})
     * @return one prediction per model window, in time order, and their mean
     * @throws IllegalArgumentException if the clip holds no samples, is longer than
     *     {@link ClassifierOptions#maxDuration()}, or its rate is outside 1 kHz .. 384 kHz
     * @throws IllegalStateException if this classifier is closed
     */
    Timeline classifyTimeline(AudioClip clip);

    /**
     * The per-window predictions of audio read from a stream, its format found from its content,
     * and their mean. The same limits as for files apply ({@link ClassifierOptions#audioLimits()},
     * {@link ClassifierOptions#maxDuration()}).
     *
     * @param audio the encoded audio; read to its end, not closed
     * @return one prediction per model window, in time order, and their mean
     * @throws IOException if the stream cannot be read or is not audio ser4j decodes
     *     ({@link org.ser4j.core.audio.AudioFormatException}, naming {@code <stream>})
     * @throws IllegalStateException if this classifier is closed
     */
    Timeline classifyTimeline(InputStream audio) throws IOException;

    /**
     * Opens a stream for live audio of mono samples at {@code sampleRate}: push {@code float[]}
     * or {@code short[]} chunks of any size and get each window's prediction as soon as the
     * window is complete, the same windows and predictions as {@link #classifyTimeline} for the
     * whole audio (see {@link EmotionStream}). The stream is thread-confined; any number may be
     * open at once.
     *
     * @param sampleRate the rate of the samples, Hz, within {@link ClassifierOptions#audioLimits()}
     *     (1 kHz to 384 kHz by default)
     * @return a new stream; closing it does not close this classifier
     * @throws IllegalArgumentException if the rate is outside the audio limits
     * @throws IllegalStateException if this classifier is closed
     */
    EmotionStream openStream(int sampleRate);

    /**
     * Opens a stream for live PCM audio in {@code format}, as {@link #openStream(int)} does, that
     * also takes raw bytes ({@link EmotionStream#push(byte[], int, int)}): interleaved frames of
     * any channel count, averaged to mono as WAV files are.
     *
     * @param format the PCM layout: {@code PCM_SIGNED} or {@code PCM_UNSIGNED} of 8, 16, 24 or
     *     32 bits, or {@code PCM_FLOAT} of 32 or 64 bits, either byte order; a whole number of
     *     hertz and a channel count within {@link ClassifierOptions#audioLimits()}
     * @return a new stream; closing it does not close this classifier
     * @throws NullPointerException if {@code format} is null
     * @throws IllegalArgumentException if the format is not such PCM, or its rate or channel count
     *     is outside the audio limits
     * @throws IllegalStateException if this classifier is closed
     */
    EmotionStream openStream(AudioFormat format);

    /**
     * Classifies many files for throughput on this classifier's own worker threads
     * ({@link ClassifierOptions#parallelism()} of them, created on first use and stopped by
     * {@link #close()}); otherwise as {@link #classifyEach(Iterable, Executor, Consumer)}.
     *
     * @param wavs the WAV files, read once, lazily; none may be null
     * @param consumer receives one result per path, in the order of {@code wavs}
     * @throws NullPointerException if an argument is null, or when a null element of {@code wavs}
     *     is reached (the message gives its index; results before it have been delivered)
     * @throws IllegalStateException if this classifier is closed
     */
    void classifyEach(Iterable<Path> wavs, Consumer<? super ClassificationResult> consumer);

    /**
     * Classifies many files for throughput, decoding and extracting features on {@code executor},
     * and hands each result to {@code consumer} as soon as it and every file before it are done,
     * in the order given, on the calling thread. Inference runs in batches of
     * {@link ClassifierOptions#batchSize()} windows. The paths are read from {@code wavs} lazily
     * and at most {@code 2 * parallelism} groups of at most {@code batchSize} files are handed to
     * the executor at a time, so memory stays bounded however long the input.
     *
     * <p>A file that fails gets a failure result carrying its exception, and the others are still
     * classified. If a task throws an {@link Error} (such as an {@link OutOfMemoryError}), the
     * executor refuses a task, or {@code consumer} throws, the run stops: the tasks handed out are
     * told to stop and awaited, and the throwable propagates; every result before the failing
     * group has been delivered. On interruption the files not yet classified get failure results
     * ("classification interrupted"), and the interrupt flag is restored. {@code consumer} must
     * not close this classifier (close waits for this call). The executor is not shut down.
     *
     * @param wavs the WAV files, read once, lazily; none may be null
     * @param executor runs the groups of files; any executor, including one that runs tasks on the
     *     calling thread
     * @param consumer receives one result per path, in the order of {@code wavs}
     * @throws NullPointerException if an argument is null, or when a null element of {@code wavs}
     *     is reached (the message gives its index; results before it have been delivered)
     * @throws java.util.concurrent.RejectedExecutionException if {@code executor} refuses a task
     * @throws IllegalStateException if this classifier is closed
     */
    void classifyEach(Iterable<Path> wavs, Executor executor, Consumer<? super ClassificationResult> consumer);

    /**
     * Classifies many files, as {@link #classifyEach(Iterable, Consumer)} does, and collects the
     * results. A file that fails gets a failure result; the others are still classified.
     *
     * @param wavs the WAV files; none may be null
     * @return one result per path, in the order given
     * @throws NullPointerException if {@code wavs} or one of its elements is null (the message
     *     gives the element's index)
     * @throws IllegalStateException if this classifier is closed
     */
    List<ClassificationResult> classifyAll(List<Path> wavs);

    /**
     * Classifies many files on {@code executor}, as
     * {@link #classifyEach(Iterable, Executor, Consumer)} does, and collects the results.
     *
     * @param wavs the WAV files; none may be null
     * @param executor runs the groups of files; not shut down
     * @return one result per path, in the order given
     * @throws NullPointerException if an argument or an element of {@code wavs} is null (the
     *     message gives the element's index)
     * @throws java.util.concurrent.RejectedExecutionException if {@code executor} refuses a task
     * @throws IllegalStateException if this classifier is closed
     */
    List<ClassificationResult> classifyAll(List<Path> wavs, Executor executor);

    /**
     * Classifies encoded audio held in memory on {@code executor}, exactly as
     * {@link #classifyEach(Iterable, Executor, Consumer)} classifies files: the same batching,
     * limits ({@link ClassifierOptions#audioLimits()}, {@link ClassifierOptions#maxDuration()}),
     * order and failure results. Each result's {@link ClassificationResult#path()} is the clip's
     * {@link EncodedAudio#name()}, and error messages name it. Files whose bytes equal those of a
     * file on disk get the same probabilities as that file.
     *
     * @param clips the encoded clips, read once, lazily; none may be null
     * @param executor runs the groups of clips; any executor, including one that runs tasks on the
     *     calling thread ({@code Runnable::run}); not shut down
     * @param consumer receives one result per clip, in the order of {@code clips}
     * @throws NullPointerException if an argument is null, or when a null element of
     *     {@code clips} is reached (the message gives its index)
     * @throws java.util.concurrent.RejectedExecutionException if {@code executor} refuses a task
     * @throws IllegalStateException if this classifier is closed
     */
    void classifyEachEncoded(Iterable<EncodedAudio> clips, Executor executor,
            Consumer<? super ClassificationResult> consumer);

    /**
     * Classifies encoded audio held in memory on this classifier's own worker threads, as
     * {@link #classifyEachEncoded} does, and collects the results.
     *
     * @param clips the encoded clips; none may be null
     * @return one result per clip, in the order given
     * @throws NullPointerException if {@code clips} or one of its elements is null (the message
     *     gives the element's index)
     * @throws IllegalStateException if this classifier is closed
     */
    List<ClassificationResult> classifyAllEncoded(List<EncodedAudio> clips);
}
