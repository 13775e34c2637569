package org.ser4j.core.audio;

/**
 * Mono audio samples at a given rate, scaled as librosa (through soundfile) sees them: PCM
 * integers divided by 2^(bits-1), floats as stored.
 *
 * <p>The record does not copy {@code samples}; treat the array as read-only once wrapped.
 *
 * @param samples mono samples, nominally in [-1, 1)
 * @param sampleRate samples per second, positive
 */
public record AudioClip(float[] samples, int sampleRate) {
    /**
     * Checks the arguments.
     *
     * @param samples mono samples, nominally in [-1, 1) (not copied)
     * @param sampleRate samples per second, positive
     * @throws IllegalArgumentException if {@code samples} is null or the rate is not positive
     */
    public AudioClip {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    /**
     * The duration.
     *
     * @return the duration in seconds
     */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /**
     * The length.
     *
     * @return the number of samples
     */
    public int length() {
        return samples.length;
    }
}
