package org.ser4j.core.audio;

import java.util.Objects;
import javax.sound.sampled.AudioFormat;

/**
 * What the header of a WAV stream says, read by {@link WavDecoder#readStreamHeader} before its
 * audio arrives.
 *
 * @param format the audio's layout: PCM unsigned (8-bit), signed (16, 24, 32-bit) or float (32,
 *     64-bit), little-endian, with the header's channels and whole-hertz rate
 * @param declaredDataBytes the data chunk's declared size in bytes, or -1 when the header leaves
 *     it unknown (0 or 0xFFFFFFFF, as streaming writers do)
 */
public record WavStreamHeader(AudioFormat format, long declaredDataBytes) {
    /**
     * Checks the arguments.
     *
     * @param format the audio's layout, not null
     * @param declaredDataBytes the declared data size, bytes, or -1 when unknown
     * @throws NullPointerException if {@code format} is null
     * @throws IllegalArgumentException if {@code declaredDataBytes} is below -1
     */
    public WavStreamHeader {
        Objects.requireNonNull(format, "format");
        if (declaredDataBytes < -1) {
            throw new IllegalArgumentException("declared data size must be -1 (unknown) or non-negative, got " + declaredDataBytes);
        }
    }
}
