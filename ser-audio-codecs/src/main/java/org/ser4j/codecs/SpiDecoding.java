package org.ser4j.codecs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import javax.sound.sampled.spi.AudioFileReader;
import javax.sound.sampled.spi.FormatConversionProvider;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.AudioLimits;

/**
 * Decodes through one Java Sound SPI reader and converter (called directly, not through
 * {@link AudioSystem}, so no other provider on the class path can take over), to PCM, then to mono
 * float, incrementally: the limits are checked from the header and again after every block, so
 * the samples never outgrow the maximum duration. Everything the SPI code throws, except a failure
 * of the underlying stream itself, becomes one {@link AudioFormatException} naming the source.
 */
final class SpiDecoding {
    /** Reads that return nothing in a row before the decoder is declared stuck. */
    static final int MAX_IDLE_READS = 1_000;
    private static final int BLOCK_BYTES = 64 * 1024;

    private SpiDecoding() {
    }

    /**
     * Decodes {@code in}.
     *
     * @param maxRead the most bytes handed to the SPI reader per read call
     * @param trim samples to drop at the start and end (per channel), given the decoded stream's
     *     header; see the codecs' own notes
     */
    static AudioClip decode(InputStream raw, String src, AudioLimits limits, String format, AudioFileReader reader,
            FormatConversionProvider converter, Trim trim, int maxRead) throws IOException {
        GuardedInput in = new GuardedInput(raw, maxRead);
        try {
            return run(in, src, limits, format, reader, converter, trim);
        } catch (AudioFormatException e) {
            throw e;
        } catch (IOException e) {
            if (in.failure != null) {
                throw in.failure; // the file or stream itself failed: not the content's fault
            }
            throw new AudioFormatException(src, "damaged " + format + " content: " + e.getMessage(), e);
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFormatException(src, "not decodable as " + format + ": " + e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            // The SPI decoders index arrays with values read from the file: ArrayIndexOutOfBounds,
            // NegativeArraySize, NullPointer and the like mean damaged content.
            throw new AudioFormatException(src, "damaged " + format + " content (" + e + ")", e);
        }
    }

    private static AudioClip run(GuardedInput in, String src, AudioLimits limits, String format, AudioFileReader reader,
            FormatConversionProvider converter, Trim trim) throws IOException, UnsupportedAudioFileException {
        AudioInputStream encoded = reader.getAudioInputStream(in);
        AudioFormat f = encoded.getFormat();
        float rateF = f.getSampleRate();
        if (!(rateF > 0) || rateF != Math.rint(rateF)) {
            throw new AudioFormatException(src, format + " header declares a sample rate of " + rateF + " Hz");
        }
        int rate = (int) rateF;
        limits.checkSampleRate(src, format + " sample rate", rate);
        limits.checkChannels(src, format + " channel count", f.getChannels());
        int channels = f.getChannels();
        long declared = encoded.getFrameLength();
        if (declared > 0) {
            limits.checkDuration(src, format + " declared length", declared, rate);
        }
        int bits = f.getSampleSizeInBits() == 8 || f.getSampleSizeInBits() == 24 ? f.getSampleSizeInBits() : 16;
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, bits, channels,
                channels * (bits / 8), rate, false);
        if (!converter.isConversionSupported(target, f)) {
            throw new AudioFormatException(src, format + " stream of " + f + " cannot be decoded to PCM");
        }
        int frameBytes = channels * (bits / 8);
        MonoBuffer out = new MonoBuffer(src, format, limits, rate);
        try (AudioInputStream pcm = converter.getAudioInputStream(target, encoded)) {
            byte[] block = new byte[BLOCK_BYTES - BLOCK_BYTES % frameBytes];
            int carry = 0; // bytes of a partial frame kept at the start of block
            int idle = 0;
            while (true) {
                int n = pcm.read(block, carry, block.length - carry);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    if (++idle > MAX_IDLE_READS) {
                        throw new AudioFormatException(src, format + " decoder makes no progress after " + out.frames()
                                + " frames");
                    }
                    continue;
                }
                idle = 0;
                int have = carry + n;
                int whole = have / frameBytes;
                out.addInterleaved(block, whole * frameBytes, channels, bits);
                carry = have - whole * frameBytes;
                System.arraycopy(block, whole * frameBytes, block, 0, carry);
            }
            return out.toClip(trim.start(), trim.length());
        }
    }

    /** Samples a codec drops at the start and end of the decoded signal. */
    interface Trim {
        /** No trimming. */
        Trim NONE = new Trim() {
        };

        /** Frames to drop at the start. */
        default int start() {
            return 0;
        }

        /** Frames to keep after the start, or -1 for all. */
        default long length() {
            return -1;
        }
    }

    /** Remembers a failure of the underlying stream, so it is not mistaken for damaged content. */
    static final class GuardedInput extends FilterInputStream {
        IOException failure;
        long consumed;

        private final int maxRead;

        GuardedInput(InputStream in, int maxRead) {
            super(in);
            this.maxRead = maxRead;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                if (b >= 0) {
                    consumed++;
                }
                return b;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, Math.min(len, maxRead));
                if (n > 0) {
                    consumed += n;
                }
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // The caller owns the stream.
        }
    }
}
