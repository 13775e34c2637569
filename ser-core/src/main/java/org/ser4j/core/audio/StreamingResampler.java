package org.ser4j.core.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link Resampler} for audio that arrives in chunks: fed a signal in chunks of any sizes, then
 * {@linkplain #finish finished}, it hands on exactly the samples {@link Resampler#resample(float[],
 * int, int)} returns for the whole signal, bit for bit (the same filter tables, and the same
 * arithmetic on the same inputs per output sample), as soon as the input each one depends on has
 * arrived: about half a filter length (3.6 ms at 16 kHz, see {@link Resampler}) after its time.
 *
 * <p><b>State.</b> Bounded, whatever the stream's length: the last filter length of input plus a
 * block of 4,096 input and 4,096 output samples (a few kilobytes at speech rates, at most about
 * 300 KB for the longest filter). Pushing allocates nothing. With equal rates the input is handed
 * on as it is.
 *
 * <p>Not thread-safe: one instance per stream, used by one thread at a time.
 */
public final class StreamingResampler {
    /** Receives resampled samples in time order. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes the next output samples. The array belongs to the resampler (or, with equal rates,
         * to the caller of {@link #push}): read the range during the call, do not keep the array.
         *
         * @param samples holds the samples
         * @param offset index of the first sample
         * @param length number of samples, at least 1
         */
        void accept(float[] samples, int offset, int length);
    }

    private static final int INPUT_BLOCK = 4096;
    private static final int OUTPUT_BLOCK = 4096;

    private final int sourceRate;
    private final int targetRate;
    /** Null when the rates are equal (pass-through). */
    private final Resampler.Kernel kernel;
    private final DotProduct dot;
    private final float[] buffer;
    private final float[] output;
    /** Input index of {@code buffer[0]}; negative indices are the zeros before the signal. */
    private long bufferStart;
    private int buffered;
    /** Input samples not needed by any further output, to drop when they arrive. */
    private long skip;
    private long inputLength;
    /** Index of the next output sample, its base input index and phase remainder. */
    private long next;
    private long base;
    private long rem;
    private boolean finished;

    /**
     * A resampler from {@code sourceRate} to {@code targetRate}.
     *
     * @param sourceRate the input's sample rate, Hz, {@value AudioLimits#MIN_SAMPLE_RATE} to
     *     {@value AudioLimits#MAX_SAMPLE_RATE}
     * @param targetRate the output's sample rate, Hz, in the same range
     * @throws IllegalArgumentException if a rate is outside the range or the ratio is too extreme
     *     for {@link Resampler}
     */
    public StreamingResampler(int sourceRate, int targetRate) {
        Resampler.checkRates(sourceRate, targetRate);
        this.sourceRate = sourceRate;
        this.targetRate = targetRate;
        if (sourceRate == targetRate) {
            kernel = null;
            dot = null;
            buffer = null;
            output = null;
            return;
        }
        kernel = Resampler.kernel(sourceRate, targetRate);
        dot = DotProduct.best();
        buffer = new float[kernel.width + Math.max(INPUT_BLOCK, kernel.width)];
        output = new float[OUTPUT_BLOCK];
        // The zeros before the signal that the first outputs' taps read.
        bufferStart = kernel.firstOffset;
        buffered = -kernel.firstOffset;
    }

    /**
     * The input's sample rate.
     *
     * @return Hz
     */
    public int sourceRate() {
        return sourceRate;
    }

    /**
     * The output's sample rate.
     *
     * @return Hz
     */
    public int targetRate() {
        return targetRate;
    }

    /**
     * Input samples pushed so far.
     *
     * @return the count, non-negative
     */
    public long inputLength() {
        return inputLength;
    }

    /**
     * Output samples handed on so far; after {@link #finish}, {@code ceil(inputLength *
     * targetRate / sourceRate)}, as for the whole signal.
     *
     * @return the count, non-negative
     */
    public long outputLength() {
        return kernel == null ? inputLength : next;
    }

    /**
     * Appends samples and hands every output sample that they complete to {@code sink}, on this
     * thread, before returning.
     *
     * @param samples holds the chunk; not modified, not kept
     * @param offset index of its first sample
     * @param length number of samples, may be 0
     * @param sink receives the completed output samples (zero or more calls)
     * @throws NullPointerException if {@code samples} or {@code sink} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code samples}
     * @throws IllegalStateException if {@link #finish} was called
     */
    public void push(float[] samples, int offset, int length, Sink sink) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(sink, "sink");
        Objects.checkFromIndexSize(offset, length, samples.length);
        if (finished) {
            throw new IllegalStateException("the resampler is finished; no more samples can be pushed");
        }
        inputLength += length;
        if (kernel == null) {
            if (length > 0) {
                sink.accept(samples, offset, length);
            }
            return;
        }
        while (length > 0) {
            if (skip > 0) {
                int dropped = (int) Math.min(skip, length);
                skip -= dropped;
                offset += dropped;
                length -= dropped;
                continue;
            }
            int take = Math.min(length, buffer.length - buffered);
            System.arraycopy(samples, offset, buffer, buffered, take);
            buffered += take;
            offset += take;
            length -= take;
            produce(Long.MAX_VALUE, sink);
            compact();
        }
    }

    /**
     * Ends the stream: the signal is taken as zero after its last sample (as {@link Resampler}
     * does), and the remaining output samples, up to {@code ceil(inputLength * targetRate /
     * sourceRate)} in all, are handed to {@code sink}. A second call does nothing.
     *
     * @param sink receives the last output samples
     * @throws NullPointerException if {@code sink} is null
     */
    public void finish(Sink sink) {
        Objects.requireNonNull(sink, "sink");
        if (finished) {
            return;
        }
        finished = true;
        if (kernel == null) {
            return;
        }
        long total = (inputLength * kernel.up + kernel.down - 1) / kernel.down; // Resampler.outputLength, in long
        while (next < total) {
            Arrays.fill(buffer, buffered, buffer.length, 0f);
            buffered = buffer.length;
            produce(total, sink);
            compact();
        }
    }

    /** Computes the outputs (before {@code limit}) whose taps all lie in the buffer. */
    private void produce(long limit, Sink sink) {
        int count = 0;
        long end = bufferStart + buffered;
        int width = kernel.width;
        int stepBase = kernel.down / kernel.up;
        int stepRem = kernel.down % kernel.up;
        while (next < limit && base + kernel.firstOffset + width <= end) {
            output[count++] = kernel.sample(buffer, (int) (base + kernel.firstOffset - bufferStart), rem, dot);
            next++;
            base += stepBase;
            rem += stepRem;
            if (rem >= kernel.up) {
                rem -= kernel.up;
                base++;
            }
            if (count == output.length) {
                sink.accept(output, 0, count);
                count = 0;
            }
        }
        if (count > 0) {
            sink.accept(output, 0, count);
        }
    }

    /** Drops the input no further output reads (fewer than one filter length stays). */
    private void compact() {
        long keepFrom = base + kernel.firstOffset;
        long drop = keepFrom - bufferStart;
        if (drop <= 0) {
            return;
        }
        if (drop >= buffered) {
            skip += drop - buffered;
            buffered = 0;
        } else {
            System.arraycopy(buffer, (int) drop, buffer, 0, buffered - (int) drop);
            buffered -= (int) drop;
        }
        bufferStart = keepFrom;
    }
}
