package org.ser4j.codecs;

import java.io.IOException;
import java.io.InputStream;
import javazoom.spi.vorbis.sampled.convert.VorbisFormatConversionProvider;
import javazoom.spi.vorbis.sampled.file.VorbisAudioFileReader;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioDecoderProvider;
import org.ser4j.core.audio.AudioLimits;

/**
 * Ogg Vorbis (an {@code OggS} page whose first packet is a Vorbis identification header) through
 * vorbisspi/JOrbis's Java Sound SPI, decoded to 16-bit PCM. Other Ogg codecs (Opus, FLAC in Ogg)
 * are not recognised. Loaded by ser-core with {@link java.util.ServiceLoader}; applications do not
 * call it directly.
 */
public final class VorbisDecoderProvider implements AudioDecoderProvider {
    /**
     * vorbisspi 1.0.3.3 loses the audio pages that its header parsing reads past the headers (a
     * short file then decodes to nothing, a longer one loses its first pages): handing it at most
     * 64 bytes per read keeps the header read inside the header pages.
     */
    private static final int VORBIS_MAX_READ = 64;
    private static final byte[] VORBIS_ID = {1, 'v', 'o', 'r', 'b', 'i', 's'};

    /** A provider; stateless. */
    public VorbisDecoderProvider() {
    }

    @Override
    public String formatName() {
        return "Ogg Vorbis";
    }

    @Override
    public boolean recognizes(byte[] head) {
        if (head.length < 27 || head[0] != 'O' || head[1] != 'g' || head[2] != 'g' || head[3] != 'S') {
            return false;
        }
        int packet = 27 + (head[26] & 0xff); // after the page header and its segment table
        if (head.length < packet + VORBIS_ID.length) {
            return false;
        }
        for (int i = 0; i < VORBIS_ID.length; i++) {
            if (head[packet + i] != VORBIS_ID[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public AudioClip decode(InputStream in, String source, AudioLimits limits) throws IOException {
        return SpiDecoding.decode(in, source, limits, formatName(), new VorbisAudioFileReader(),
                new VorbisFormatConversionProvider(), SpiDecoding.Trim.NONE, VORBIS_MAX_READ);
    }
}
