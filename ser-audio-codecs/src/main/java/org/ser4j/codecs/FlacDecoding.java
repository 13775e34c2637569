package org.ser4j.codecs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.AudioLimits;

/**
 * FLAC through jFLAC's decoder itself rather than its Java Sound stream: jFLAC's
 * {@code readNextFrame} retries a bad frame header forever when the bytes after it never resync
 * (a run of zeros in a damaged file spins it at one position), and only its frame listener sees
 * each retry. A listener here counts the failures at one read position and stops the decoder; every
 * frame is checked against the stream header before its samples are used.
 */
final class FlacDecoding {
    /** Bad frames in a row at one read position before the decoder is declared stuck. */
    static final int MAX_STALLED_ERRORS = 64;
    /** Bad frames in all before the file is declared damaged beyond use. */
    static final int MAX_BAD_FRAMES = 10_000;
    private static final int STREAMINFO_LENGTH = 34;

    private FlacDecoding() {
    }

    static AudioClip decode(InputStream raw, String src, AudioLimits limits) throws IOException {
        SpiDecoding.GuardedInput in = new SpiDecoding.GuardedInput(raw, Integer.MAX_VALUE);
        try {
            return run(in, src, limits);
        } catch (AudioFormatException e) {
            throw e;
        } catch (Stalled e) {
            throw new AudioFormatException(src, e.getMessage());
        } catch (IOException e) {
            if (in.failure != null) {
                throw in.failure;
            }
            throw new AudioFormatException(src, "damaged FLAC content: " + e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AudioFormatException(src, "damaged FLAC content (" + e + ")", e);
        }
    }

    private static AudioClip run(SpiDecoding.GuardedInput in, String src, AudioLimits limits) throws IOException {
        FLACDecoder d = new FLACDecoder(new SequenceInputStream(new ByteArrayInputStream(streamInfoOnly(in, src, limits)), in));
        d.addFrameListener(new StallGuard(d));
        d.readMetadata();
        StreamInfo info = d.getStreamInfo();
        if (info == null) {
            throw new AudioFormatException(src, "FLAC content without a STREAMINFO block");
        }
        int rate = info.getSampleRate();
        limits.checkSampleRate(src, "FLAC sample rate", rate);
        limits.checkChannels(src, "FLAC channel count", info.getChannels());
        int channels = info.getChannels();
        int bits = info.getBitsPerSample();
        if (bits != 8 && bits != 16 && bits != 24) {
            throw new AudioFormatException(src, "FLAC bits per sample " + bits + " is not supported (8, 16, 24)");
        }
        if (info.getTotalSamples() > 0) {
            limits.checkDuration(src, "FLAC total samples", info.getTotalSamples(), rate);
        }
        MonoBuffer out = new MonoBuffer(src, "FLAC", limits, rate);
        ByteData pcm = null;
        Frame f;
        while ((f = d.readNextFrame()) != null) {
            if (f.header.channels != channels || f.header.bitsPerSample != bits) {
                throw new AudioFormatException(src, "FLAC frame " + f.header.frameNumber + " declares " + f.header.channels
                        + " channels of " + f.header.bitsPerSample + " bits; the stream header declares " + channels
                        + " of " + bits);
            }
            pcm = d.decodeFrame(f, pcm);
            out.addInterleaved(pcm.getData(), pcm.getLen(), channels, bits);
        }
        return out.toClip(0, -1);
    }

    /**
     * Reads the metadata blocks and keeps only STREAMINFO, marked as the last block: jFLAC allocates
     * what a VORBIS_COMMENT or PICTURE block declares before checking it against the block's size, so
     * it never sees them (ser4j reads no tags). The other blocks are skipped without being buffered.
     *
     * @return {@code fLaC} and the STREAMINFO block; {@code in} is left at the first audio frame
     */
    static byte[] streamInfoOnly(InputStream in, String src, AudioLimits limits) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4 || magic[0] != 'f' || magic[1] != 'L' || magic[2] != 'a' || magic[3] != 'C') {
            throw new AudioFormatException(src, "not FLAC content (no fLaC marker)");
        }
        byte[] streamInfo = null;
        boolean last = false;
        for (int blocks = 1; !last; blocks++) {
            limits.checkHeaderChunks(src, blocks);
            byte[] h = in.readNBytes(4);
            if (h.length < 4) {
                throw new AudioFormatException(src, "FLAC metadata block " + blocks + " is truncated");
            }
            last = (h[0] & 0x80) != 0;
            int type = h[0] & 0x7f;
            int length = ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            if (blocks == 1) {
                if (type != 0 || length != STREAMINFO_LENGTH) {
                    throw new AudioFormatException(src, "FLAC content does not start with a 34-byte STREAMINFO block (type "
                            + type + ", " + length + " bytes)");
                }
                byte[] body = in.readNBytes(STREAMINFO_LENGTH);
                if (body.length < STREAMINFO_LENGTH) {
                    throw new AudioFormatException(src, "FLAC STREAMINFO block is truncated");
                }
                streamInfo = new byte[8 + STREAMINFO_LENGTH];
                streamInfo[0] = 'f';
                streamInfo[1] = 'L';
                streamInfo[2] = 'a';
                streamInfo[3] = 'C';
                streamInfo[4] = (byte) 0x80; // last metadata block, type 0
                streamInfo[7] = STREAMINFO_LENGTH;
                System.arraycopy(body, 0, streamInfo, 8, STREAMINFO_LENGTH);
            } else if (type == 127) {
                throw new AudioFormatException(src, "FLAC metadata block " + blocks + " has the invalid type 127");
            } else {
                try {
                    in.skipNBytes(length);
                } catch (java.io.EOFException e) {
                    throw new AudioFormatException(src, "FLAC metadata block " + blocks + " (type " + type + ", " + length
                            + " bytes) is truncated");
                }
            }
        }
        return streamInfo;
    }

    /** Stops a decoder that keeps failing at one read position, or fails too often in all. */
    private static final class StallGuard implements FrameListener {
        private final FLACDecoder decoder;
        private long position = -1;
        private int stalled;
        private int errors;

        StallGuard(FLACDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public void processMetadata(Metadata metadata) {
        }

        @Override
        public void processFrame(Frame frame) {
        }

        @Override
        public void processError(String msg) {
            long at = decoder.getTotalBytesRead();
            stalled = at == position ? stalled + 1 : 0;
            position = at;
            if (stalled > MAX_STALLED_ERRORS) {
                throw new Stalled("FLAC decoder makes no progress at byte " + at + " (" + msg + ")");
            }
            if (++errors > MAX_BAD_FRAMES) {
                throw new Stalled("more than " + MAX_BAD_FRAMES + " damaged FLAC frames (last: " + msg + ")");
            }
        }
    }

    /** Thrown through jFLAC's frame loop to stop it. */
    private static final class Stalled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stalled(String message) {
            super(message, null, false, false);
        }
    }
}
