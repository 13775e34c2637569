package org.ser4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import org.ser4j.core.Prediction;
import org.ser4j.core.audio.PcmConverter;
import org.ser4j.core.audio.StreamingResampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EmotionStream} of an {@link OnnxEmotionClassifier}: PCM conversion
 * ({@link PcmConverter}), resampling to the model rate ({@link StreamingResampler}), one window of
 * model-rate samples that moves on by the hop, and each complete window through
 * {@link WindowedInference#probabilities(float[])}. Thread-confined.
 */
final class WindowedEmotionStream implements EmotionStream {
    private static final Logger LOG = LoggerFactory.getLogger(WindowedEmotionStream.class);
    /** Samples converted per block of short or byte input. */
    private static final int BLOCK = 4096;

    private final WindowedInference inference;
    private final ClassifierLifecycle lifecycle;
    private final int sampleRate;
    private final int modelRate;
    private final int windowSamples;
    private final int hopSamples;
    private final AudioFormat format;
    private final PcmConverter converter;
    private final StreamingResampler resampler;
    private final StreamingResampler.Sink toWindow = this::append;
    /** The samples of the current window (index {@link #windowIndex}) received so far. */
    private final float[] window;
    private int filled;
    /** A long: with a small hop, an int would wrap after days of audio. */
    private long windowIndex;
    /** Why classifying a window failed, once it has: the stream is then broken. */
    private RuntimeException failure;
    private float[] scratch;
    private final byte[] partialFrame;
    private int partialBytes;
    /** Windows completed by the current call, or null. */
    private List<WindowPrediction> completed;
    private boolean flushed;
    private boolean closed;

    /**
     * @param format the byte layout, or null for a stream of samples only
     * @throws IllegalArgumentException if the rate or channel count is outside the classifier's
     *     audio limits, the rate is not a whole number of hertz, or the format is not PCM that
     *     {@link PcmConverter} takes
     */
    WindowedEmotionStream(WindowedInference inference, ClassifierLifecycle lifecycle, ClassifierOptions options,
            int modelRate, int windowSamples, int sampleRate, AudioFormat format) {
        this.inference = inference;
        this.lifecycle = lifecycle;
        var limits = options.audioLimits();
        if (sampleRate < limits.minSampleRate() || sampleRate > limits.maxSampleRate()) {
            throw new IllegalArgumentException("stream sample rate must be " + limits.minSampleRate() + " to "
                    + limits.maxSampleRate() + " Hz (audio limits), got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.modelRate = modelRate;
        this.windowSamples = windowSamples;
        this.hopSamples = options.hopSamples();
        this.format = format;
        if (format != null) {
            if (format.getChannels() > limits.maxChannels()) {
                throw new IllegalArgumentException("stream of " + format.getChannels() + " channels; the audio limits allow "
                        + limits.maxChannels());
            }
            this.converter = PcmConverter.forFormat(format);
            this.partialFrame = new byte[converter.frameBytes()];
        } else {
            this.converter = null;
            this.partialFrame = new byte[0];
        }
        this.resampler = new StreamingResampler(sampleRate, modelRate);
        this.window = new float[windowSamples];
    }

    /** The whole-hertz rate of {@code format}, or an {@link IllegalArgumentException}. */
    static int wholeRate(AudioFormat format) {
        float rate = format.getSampleRate();
        if (!(rate > 0) || rate != Math.rint(rate) || rate > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stream sample rate must be a whole number of hertz, got " + rate + " in " + format);
        }
        return (int) rate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public Optional<AudioFormat> format() {
        return Optional.ofNullable(format);
    }

    @Override
    public boolean isFlushed() {
        return flushed;
    }

    @Override
    public List<WindowPrediction> push(float[] samples, int offset, int length) {
        Objects.requireNonNull(samples, "samples");
        Objects.checkFromIndexSize(offset, length, samples.length);
        checkPushable();
        checkNoPartialFrame();
        int bad = firstNonFinite(samples, offset, length);
        resampler.push(samples, offset, bad < 0 ? length : bad - offset, toWindow);
        if (bad >= 0) {
            throw nonFinite(samples[bad], bad - offset, "sample");
        }
        return takeCompleted();
    }

    @Override
    public List<WindowPrediction> push(short[] samples, int offset, int length) {
        Objects.requireNonNull(samples, "samples");
        Objects.checkFromIndexSize(offset, length, samples.length);
        checkPushable();
        checkNoPartialFrame();
        float[] buf = scratch();
        for (int done = 0; done < length; done += BLOCK) {
            int n = Math.min(BLOCK, length - done);
            for (int i = 0; i < n; i++) {
                buf[i] = samples[offset + done + i] * (1.0f / 32768);
            }
            resampler.push(buf, 0, n, toWindow);
        }
        return takeCompleted();
    }

    @Override
    public List<WindowPrediction> push(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (converter == null) {
            throw new IllegalStateException("this stream was opened with a sample rate only; open it with an AudioFormat"
                    + " to push bytes");
        }
        checkPushable();
        int frameBytes = partialFrame.length;
        float[] buf = scratch();
        long framesBefore = 0;
        if (partialBytes > 0) {
            int take = Math.min(length, frameBytes - partialBytes);
            System.arraycopy(bytes, offset, partialFrame, partialBytes, take);
            partialBytes += take;
            offset += take;
            length -= take;
            if (partialBytes < frameBytes) {
                return takeCompleted();
            }
            partialBytes = 0;
            converter.toMono(partialFrame, 0, 1, buf, 0);
            pushConverted(buf, 1, 0);
            framesBefore = 1;
        }
        int frames = length / frameBytes;
        for (int done = 0; done < frames; done += BLOCK) {
            int n = Math.min(BLOCK, frames - done);
            converter.toMono(bytes, offset + done * frameBytes, n, buf, 0);
            pushConverted(buf, n, framesBefore + done);
        }
        int rest = length - frames * frameBytes;
        System.arraycopy(bytes, offset + frames * frameBytes, partialFrame, 0, rest);
        partialBytes = rest;
        return takeCompleted();
    }

    /** Pushes converted frames, up to the first non-finite one, which is refused. */
    private void pushConverted(float[] buf, int n, long firstFrame) {
        int bad = firstNonFinite(buf, 0, n);
        resampler.push(buf, 0, bad < 0 ? n : bad, toWindow);
        if (bad >= 0) {
            throw nonFinite(buf[bad], firstFrame + bad, "frame");
        }
    }

    @Override
    public List<WindowPrediction> flush() {
        if (closed) {
            throw new IllegalStateException("the stream is closed");
        }
        lifecycle.ensureOpen();
        checkNotBroken();
        if (flushed) {
            return List.of();
        }
        flushed = true;
        if (partialBytes > 0) {
            LOG.debug("dropping a partial frame of {} bytes at the end of the stream", partialBytes);
            partialBytes = 0;
        }
        resampler.finish(toWindow);
        boolean another = windowIndex == 0 ? filled > 0 : filled > windowSamples - hopSamples;
        if (another) {
            emit(Arrays.copyOf(window, filled));
        }
        return takeCompleted();
    }

    @Override
    public void close() {
        closed = true;
        completed = null;
    }

    private void checkPushable() {
        if (closed) {
            throw new IllegalStateException("the stream is closed");
        }
        checkNotBroken();
        if (flushed) {
            throw new IllegalStateException("the stream was flushed; open a new stream for more audio");
        }
        lifecycle.ensureOpen();
    }

    private void checkNotBroken() {
        if (failure != null) {
            throw new IllegalStateException("the stream is broken: classifying a window failed earlier ("
                    + failure.getMessage() + "); open a new stream", failure);
        }
    }

    private void checkNoPartialFrame() {
        if (partialBytes > 0) {
            throw new IllegalStateException("a partial frame of " + partialBytes + " bytes is pending; push the rest of it"
                    + " as bytes before pushing samples");
        }
    }

    private float[] scratch() {
        if (scratch == null) {
            scratch = new float[BLOCK];
        }
        return scratch;
    }

    /** Model-rate samples from the resampler: fill the window; classify it when full, then move on by the hop. */
    private void append(float[] samples, int offset, int length) {
        while (length > 0) {
            int take = Math.min(length, windowSamples - filled);
            System.arraycopy(samples, offset, window, filled, take);
            filled += take;
            offset += take;
            length -= take;
            if (filled == windowSamples) {
                emit(window.clone());
                int keep = windowSamples - hopSamples;
                System.arraycopy(window, hopSamples, window, 0, keep);
                filled = keep;
                windowIndex++;
            }
        }
    }

    /** Classifies window {@link #windowIndex}, whose samples (cut at the end of the stream) are given. */
    private void emit(float[] samples) {
        float[] p;
        try {
            p = lifecycle.whileOpen(() -> inference.probabilities(samples));
        } catch (RuntimeException e) {
            failure = e;
            completed = null;
            throw e;
        }
        long start = windowIndex * hopSamples;
        long end = start + samples.length;
        if (completed == null) {
            completed = new ArrayList<>(2);
        }
        completed.add(new WindowPrediction(start / (double) modelRate, end / (double) modelRate, Prediction.of(p)));
    }

    private List<WindowPrediction> takeCompleted() {
        if (completed == null) {
            return List.of();
        }
        List<WindowPrediction> out = List.copyOf(completed);
        completed = null;
        return out;
    }

    private static int firstNonFinite(float[] x, int from, int count) {
        float acc = 0;
        for (int i = 0; i < count; i++) {
            acc += x[from + i] * 0f; // NaN exactly when some sample is NaN or infinite
        }
        if (acc == 0) {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(x[from + i])) {
                return from + i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException nonFinite(float v, long index, String what) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "%s %d of the chunk is %s; a stream takes finite samples only", what, index, v));
    }

    @Override
    public String toString() {
        return "EmotionStream[" + sampleRate + " Hz" + (format != null ? ", " + format : "") + "]";
    }
}
