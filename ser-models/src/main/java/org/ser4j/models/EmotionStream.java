package org.ser4j.models;

import java.util.List;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;

/**
 * Live audio in, one {@link WindowPrediction} per model window out, as soon as the window is
 * complete: the streaming form of {@link WindowedEmotionClassifier#classifyTimeline}. Obtained
 * from {@link WindowedEmotionClassifier#openStream(int)} (float or 16-bit samples) or
 * {@link WindowedEmotionClassifier#openStream(AudioFormat)} (raw PCM bytes, and samples too).
 *
 * <pre>{@code
 * try (EmotionStream stream = classifier.openStream(48_000)) {
 *     while ((n = source.read(chunk)) > 0) {
 *         for (WindowPrediction w : stream.push(chunk, 0, n)) {
 *             show(w);
 *         }
 *     }
 *     stream.flush().forEach(this::show);
 * }
 * }</pre>
 *
 * <p><b>The same windows as a timeline.</b> Chunks may have any size, from one sample (or byte)
 * up. The audio is resampled to the classifier's {@link WindowedEmotionClassifier#sampleRate()}
 * as it arrives (bit-identical to resampling the whole recording), and cut into windows of
 * {@link WindowedEmotionClassifier#windowSamples()} samples every
 * {@link ClassifierOptions#hopSamples()}; each window is classified as {@code classifyTimeline}
 * classifies it (features, silence trimming of models trained with it, standardisation, models,
 * ensemble). So for the same audio, the windows returned by all {@code push} calls followed by
 * {@link #flush()} are those of {@code classifyTimeline} for the whole recording: the same count,
 * start and end times, and probabilities (equal to within 1e-6: the timeline runs windows through
 * ONNX Runtime in batches, a stream one at a time). Times are seconds from the start of the stream
 * at the model rate. A window is returned by the push that delivers its last sample, after the
 * resampler's look-ahead of half its filter (about 3.6 ms of audio at 16 kHz; none when the rate
 * is already the model's).
 *
 * <p><b>Resources.</b> Memory is bounded however long the stream: one window of samples (320 KB
 * for the bundled models), the resampler's state, a partial frame of bytes and a small conversion
 * buffer. A push that completes no window allocates no window-sized array. Streams have no
 * maximum duration (the classifier's {@link ClassifierOptions#maxDuration()} applies to
 * recordings, not streams); the sample rate and channel count are checked against
 * {@link ClassifierOptions#audioLimits()} when the stream is opened.
 *
 * <p><b>Threads and lifetime.</b> A stream is thread-confined: use it from one thread at a time
 * (any number of streams of one classifier may run on different threads). Closing the stream
 * frees nothing of the classifier and does not close it; once the classifier is closed, every
 * {@code push} and {@code flush} throws {@link IllegalStateException}.
 *
 * <p><b>Failures.</b> If classifying a window fails (ONNX Runtime fails, or the model's output is
 * not a probability vector), that exception propagates from the {@code push} or {@code flush} that
 * completed the window, and the stream is broken: its position in the audio can no longer be
 * trusted, so every later {@code push} and {@code flush} throws {@link IllegalStateException}
 * with that failure as its cause. Open a new stream to go on.
 */
public interface EmotionStream extends AutoCloseable {

    /**
     * The sample rate of the audio pushed into this stream.
     *
     * @return Hz
     */
    int sampleRate();

    /**
     * The byte layout {@link #push(byte[], int, int)} takes.
     *
     * @return the format the stream was opened with, or empty for a stream opened with a sample
     *     rate only (which takes no bytes)
     */
    Optional<AudioFormat> format();

    /**
     * Pushes mono samples, scaled as librosa loads audio (nominally -1 to 1).
     *
     * @param samples holds the chunk; not modified, not kept
     * @param offset index of the chunk's first sample
     * @param length number of samples, may be 0
     * @return the windows this chunk completed, in time order; usually empty (an immutable empty
     *     list, allocated once)
     * @throws NullPointerException if {@code samples} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code samples}
     * @throws IllegalArgumentException if a sample is NaN or infinite (the samples before it have
     *     been used, and windows they completed are returned by the next call; the rest of the
     *     chunk is not used)
     * @throws IllegalStateException if the stream was flushed, closed or broken by an earlier
     *     failure, its classifier is closed, or a partial frame of bytes is pending
     */
    List<WindowPrediction> push(float[] samples, int offset, int length);

    /**
     * Pushes mono 16-bit samples, each {@code s} taken as {@code s / 32768}.
     *
     * @param samples holds the chunk; not modified, not kept
     * @param offset index of the chunk's first sample
     * @param length number of samples, may be 0
     * @return the windows this chunk completed, in time order; usually empty
     * @throws NullPointerException if {@code samples} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code samples}
     * @throws IllegalStateException if the stream was flushed, closed or broken by an earlier
     *     failure, its classifier is closed, or a partial frame of bytes is pending
     */
    List<WindowPrediction> push(short[] samples, int offset, int length);

    /**
     * Pushes PCM bytes in the stream's {@link #format()}: interleaved frames, channels averaged
     * to mono as the WAV decoder does ({@link org.ser4j.core.audio.PcmConverter}). A chunk may end
     * inside a frame; the partial frame is kept and completed by the next chunk.
     *
     * @param bytes holds the chunk; not modified, not kept
     * @param offset index of the chunk's first byte
     * @param length number of bytes, may be 0
     * @return the windows this chunk completed, in time order; usually empty
     * @throws NullPointerException if {@code bytes} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code bytes}
     * @throws IllegalArgumentException if a float sample is NaN or infinite (the frames before
     *     its frame have been used, and windows they completed are returned by the next call; the rest of the
     *     chunk is not used)
     * @throws IllegalStateException if the stream was opened without an {@link AudioFormat}, was
     *     flushed, closed or broken by an earlier failure, or its classifier is closed
     */
    List<WindowPrediction> push(byte[] bytes, int offset, int length);

    /**
     * Ends the stream: the audio is taken as zero after its last sample and the windows not yet
     * returned are classified, the last one zero-padded, exactly as {@code classifyTimeline}
     * ends a recording. A stream into which nothing was pushed returns no window (a recording of
     * no samples has no timeline). A partial frame of bytes left at the end is dropped, as the WAV
     * decoder drops one. A second call returns an empty list.
     *
     * @return the remaining windows, in time order: at most one more than fit in the audio, and
     *     at least one if no window was returned before and something was pushed
     * @throws IllegalStateException if the stream is closed or broken by an earlier failure, or
     *     its classifier is closed
     */
    List<WindowPrediction> flush();

    /**
     * Whether {@link #flush()} was called.
     *
     * @return true once the stream has been flushed
     */
    boolean isFlushed();

    /**
     * Closes the stream without flushing it: windows not yet complete are discarded. The
     * classifier stays open. Idempotent.
     */
    @Override
    void close();
}
