package org.ser4j.core.audio;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The bounds a decoder enforces on what a file's header declares, before it allocates anything
 * for the samples. Every decoder of ser4j (WAV now, other formats later) takes one of these, so a
 * damaged or hostile file is refused with an {@link AudioFormatException} naming the file and the
 * header field, instead of asking for gigabytes or minutes of work.
 *
 * <p>The hard limits are the defaults ({@link #DEFAULT}); a caller may tighten them, never widen
 * them, because the rest of the pipeline ({@link Resampler}, the classifiers) is only specified
 * inside them:
 * <ul>
 *   <li>sample rate {@value #MIN_SAMPLE_RATE} Hz to {@value #MAX_SAMPLE_RATE} Hz: below 1 kHz there
 *       is no speech band left, and a rate of a few hertz would make resampling to 16 kHz expand
 *       the signal thousands of times; 384 kHz is the highest rate audio interfaces record;</li>
 *   <li>1 to {@value #MAX_CHANNELS} channels (7th-order ambisonics, the widest real layout, has
 *       64), so one frame is at most 512 bytes;</li>
 *   <li>at most {@link #DEFAULT_MAX_DURATION} (4 hours) of audio per file, computed from the
 *       header's data size and rate;</li>
 *   <li>at most {@value #MAX_HEADER_CHUNKS} chunks (or metadata blocks) scanned before the audio, so
 *       a file made of millions of tiny chunks cannot keep the parser busy.</li>
 * </ul>
 *
 * @param minSampleRate lowest accepted sample rate, Hz
 * @param maxSampleRate highest accepted sample rate, Hz
 * @param maxChannels most channels accepted
 * @param maxDuration longest audio accepted per file
 * @param maxHeaderChunks most chunks scanned while looking for the audio
 */
public record AudioLimits(int minSampleRate, int maxSampleRate, int maxChannels, Duration maxDuration,
        int maxHeaderChunks) {
    /** Lowest sample rate any ser4j decoder or the resampler accepts, Hz. */
    public static final int MIN_SAMPLE_RATE = 1_000;
    /** Highest sample rate any ser4j decoder or the resampler accepts, Hz. */
    public static final int MAX_SAMPLE_RATE = 384_000;
    /** Most channels any ser4j decoder accepts. */
    public static final int MAX_CHANNELS = 64;
    /** Most chunks (or metadata blocks) a decoder scans before the audio. */
    public static final int MAX_HEADER_CHUNKS = 1_024;
    /** Default longest audio per file: 4 hours. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(4);
    /** The hard limits: 1 kHz to 384 kHz, 1 to 64 channels, 4 hours, 1,024 header chunks. */
    public static final AudioLimits DEFAULT = new AudioLimits(MIN_SAMPLE_RATE, MAX_SAMPLE_RATE, MAX_CHANNELS,
            DEFAULT_MAX_DURATION, MAX_HEADER_CHUNKS);

    /**
     * Checks that the limits lie within the hard ones.
     *
     * @param minSampleRate lowest accepted rate, Hz, at least {@value #MIN_SAMPLE_RATE}
     * @param maxSampleRate highest accepted rate, Hz, at least {@code minSampleRate} and at most
     *     {@value #MAX_SAMPLE_RATE}
     * @param maxChannels most channels, 1 to {@value #MAX_CHANNELS}
     * @param maxDuration longest audio per file, positive, not null
     * @param maxHeaderChunks most chunks scanned before the audio, 1 to {@value #MAX_HEADER_CHUNKS}
     * @throws IllegalArgumentException if a value is outside its range
     * @throws NullPointerException if {@code maxDuration} is null
     */
    public AudioLimits {
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (minSampleRate < MIN_SAMPLE_RATE || maxSampleRate > MAX_SAMPLE_RATE || minSampleRate > maxSampleRate) {
            throw new IllegalArgumentException("sample-rate limits must satisfy " + MIN_SAMPLE_RATE + " <= min <= max <= "
                    + MAX_SAMPLE_RATE + ", got " + minSampleRate + " .. " + maxSampleRate);
        }
        if (maxChannels < 1 || maxChannels > MAX_CHANNELS) {
            throw new IllegalArgumentException("maxChannels must be 1 to " + MAX_CHANNELS + ", got " + maxChannels);
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive, got " + maxDuration);
        }
        if (maxHeaderChunks < 1 || maxHeaderChunks > MAX_HEADER_CHUNKS) {
            throw new IllegalArgumentException("maxHeaderChunks must be 1 to " + MAX_HEADER_CHUNKS + ", got " + maxHeaderChunks);
        }
    }

    /**
     * These limits with another longest duration.
     *
     * @param duration longest audio accepted per file, positive
     * @return a copy with {@code maxDuration = duration}
     * @throws IllegalArgumentException if {@code duration} is not positive
     * @throws NullPointerException if {@code duration} is null
     */
    public AudioLimits withMaxDuration(Duration duration) {
        return new AudioLimits(minSampleRate, maxSampleRate, maxChannels, duration, maxHeaderChunks);
    }

    /**
     * Refuses a declared sample rate outside the limits.
     *
     * @param source the file, named in the message
     * @param field the header field that declares the rate, e.g. {@code "fmt sample rate"}
     * @param rate the declared rate, Hz (unsigned header values fit a long)
     * @throws AudioFormatException naming {@code source} and {@code field} if the rate is outside
     *     {@code minSampleRate .. maxSampleRate}
     */
    public void checkSampleRate(String source, String field, long rate) throws AudioFormatException {
        if (rate < minSampleRate || rate > maxSampleRate) {
            throw new AudioFormatException(source, field + " declares " + rate + " Hz; supported rates are "
                    + minSampleRate + " to " + maxSampleRate + " Hz");
        }
    }

    /**
     * Refuses a declared channel count outside the limits.
     *
     * @param source the file, named in the message
     * @param field the header field that declares the count, e.g. {@code "fmt channel count"}
     * @param channels the declared count
     * @throws AudioFormatException naming {@code source} and {@code field} if the count is outside
     *     {@code 1 .. maxChannels}
     */
    public void checkChannels(String source, String field, long channels) throws AudioFormatException {
        if (channels < 1 || channels > maxChannels) {
            throw new AudioFormatException(source, field + " declares " + channels + " channels; supported: 1 to "
                    + maxChannels);
        }
    }

    /**
     * Refuses audio longer than {@link #maxDuration()}; call it with the header's figures, before
     * allocating the samples.
     *
     * @param source the file, named in the message
     * @param field where the length comes from, e.g. {@code "data chunk size"}
     * @param frames sample frames the file holds or declares, non-negative
     * @param sampleRate its sample rate, Hz, positive
     * @throws AudioFormatException naming {@code source} and {@code field} if
     *     {@code frames / sampleRate} exceeds the maximum duration
     */
    public void checkDuration(String source, String field, long frames, int sampleRate) throws AudioFormatException {
        double seconds = frames / (double) sampleRate;
        double limit = maxDuration.toMillis() / 1000.0;
        if (seconds > limit) {
            throw new AudioFormatException(source, String.format(Locale.ROOT,
                    "%s implies %d frames at %d Hz (%s), longer than the limit of %s", field, frames, sampleRate,
                    describe(seconds), describe(limit)));
        }
    }

    /**
     * Refuses a chunk count above {@link #maxHeaderChunks()}.
     *
     * @param source the file, named in the message
     * @param chunks chunks scanned so far
     * @throws AudioFormatException naming {@code source} if {@code chunks} exceeds the limit
     */
    public void checkHeaderChunks(String source, int chunks) throws AudioFormatException {
        if (chunks > maxHeaderChunks) {
            throw new AudioFormatException(source, "more than " + maxHeaderChunks
                    + " chunks before the audio data; refusing to scan further");
        }
    }

    /** {@code "4.00 h"}, {@code "12.5 min"} or {@code "3.2 s"}. */
    static String describe(double seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%.2f h", seconds / 3600);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
