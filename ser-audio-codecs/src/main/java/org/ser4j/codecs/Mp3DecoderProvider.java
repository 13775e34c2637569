package org.ser4j.codecs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioDecoderProvider;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.AudioLimits;

/**
 * MPEG audio (MP3; content starting with an {@code ID3} tag or an MPEG frame sync) through
 * mp3spi/JLayer's Java Sound SPI, decoded to 16-bit PCM. When the first frame carries LAME's
 * gapless-playback tag (LAME and ffmpeg write one), the encoder delay, the decoder delay (529
 * samples) and the end padding are trimmed as ffmpeg does, so the samples line up with ffmpeg's. Loaded by ser-core with
 * {@link java.util.ServiceLoader}; applications do not call it directly.
 */
public final class Mp3DecoderProvider implements AudioDecoderProvider {
    /** Bytes read ahead for the gapless-playback tag (an ID3 tag before it may be large: then there is none to find). */
    private static final int HEAD = 16 * 1024;

    /** A provider; stateless. */
    public Mp3DecoderProvider() {
    }

    @Override
    public String formatName() {
        return "MP3";
    }

    @Override
    public boolean recognizes(byte[] head) {
        if (head.length >= 3 && head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
            return true;
        }
        // 11-bit frame sync, then a valid version, layer, bit-rate index and sample-rate index.
        return head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xe0) == 0xe0
                && ((head[1] >> 3) & 3) != 1 && ((head[1] >> 1) & 3) != 0
                && ((head[2] >> 4) & 0xf) != 0xf && ((head[2] >> 2) & 3) != 3;
    }

    @Override
    public AudioClip decode(InputStream in, String source, AudioLimits limits) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, HEAD);
        skipId3v2(buffered, source);
        buffered.mark(HEAD);
        byte[] head = new byte[HEAD];
        int n = buffered.readNBytes(head, 0, HEAD);
        buffered.reset();
        LameTag tag = LameTag.parse(head, n);
        SpiDecoding.Trim trim = tag == null ? SpiDecoding.Trim.NONE : new SpiDecoding.Trim() {
            @Override
            public int start() {
                return tag.trimStart();
            }

            @Override
            public long length() {
                return tag.length();
            }
        };
        return SpiDecoding.decode(buffered, source, limits, formatName(), new MpegAudioFileReader(),
                new MpegFormatConversionProvider(), trim, Integer.MAX_VALUE);
    }

    /**
     * Skips ID3v2 tags at the start without buffering them: mp3spi allocates the size a tag header
     * declares (up to 256 MiB) before reading it, and ser4j reads no tags.
     */
    private static void skipId3v2(InputStream in, String source) throws IOException {
        for (int tags = 0; tags < 16; tags++) {
            in.mark(10);
            byte[] h = in.readNBytes(10);
            if (h.length < 10 || h[0] != 'I' || h[1] != 'D' || h[2] != '3') {
                in.reset();
                return;
            }
            if ((h[6] | h[7] | h[8] | h[9]) < 0) {
                throw new AudioFormatException(source, "ID3v2 tag size is not a synchsafe integer");
            }
            long size = ((long) h[6] << 21) | (h[7] << 14) | (h[8] << 7) | h[9];
            size += (h[5] & 0x10) != 0 ? 10 : 0; // footer
            try {
                in.skipNBytes(size);
            } catch (java.io.EOFException e) {
                throw new AudioFormatException(source, "ID3v2 tag of " + size + " bytes is truncated");
            }
        }
        throw new AudioFormatException(source, "more than 16 ID3v2 tags before the audio");
    }
}
