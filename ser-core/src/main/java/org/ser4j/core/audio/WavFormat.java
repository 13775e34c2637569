package org.ser4j.core.audio;

/**
 * What a WAV file's header says about its audio.
 *
 * @param encoding sample encoding
 * @param bitsPerSample 8, 16, 24 or 32 for PCM; 32 or 64 for float
 * @param channels channel count, at least 1
 * @param sampleRate frames per second
 * @param frames number of sample frames in the data chunk
 */
public record WavFormat(Encoding encoding, int bitsPerSample, int channels, int sampleRate, long frames) {
    /** Sample encodings ser4j decodes. */
    public enum Encoding {
        /** Integer PCM (8-bit unsigned, 16/24/32-bit signed little-endian). */
        PCM,
        /** IEEE 754 float, 32 or 64 bits, little-endian. */
        IEEE_FLOAT
    }

    /**
     * Duration in seconds.
     *
     * @return {@code frames / sampleRate}, seconds
     */
    public double durationSeconds() {
        return frames / (double) sampleRate;
    }
}
