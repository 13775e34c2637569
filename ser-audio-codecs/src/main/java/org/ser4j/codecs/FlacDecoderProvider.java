package org.ser4j.codecs;

import java.io.IOException;
import java.io.InputStream;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioDecoderProvider;
import org.ser4j.core.audio.AudioLimits;

/**
 * FLAC (content starting with {@code fLaC}) through jFLAC's decoder, bit-exact: 8, 16 and
 * 24-bit samples scaled by 2^(bits-1) as soundfile and ffmpeg do. Loaded by ser-core with
 * {@link java.util.ServiceLoader}; applications do not call it directly.
 */
public final class FlacDecoderProvider implements AudioDecoderProvider {
    /** A provider; stateless. */
    public FlacDecoderProvider() {
    }

    @Override
    public String formatName() {
        return "FLAC";
    }

    @Override
    public boolean recognizes(byte[] head) {
        return head.length >= 4 && head[0] == 'f' && head[1] == 'L' && head[2] == 'a' && head[3] == 'C';
    }

    @Override
    public AudioClip decode(InputStream in, String source, AudioLimits limits) throws IOException {
        return FlacDecoding.decode(in, source, limits);
    }
}
