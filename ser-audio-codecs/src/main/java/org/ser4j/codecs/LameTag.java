package org.ser4j.codecs;

/**
 * The gapless-playback figures of an MP3's first frame (a Xing/Info header with LAME's extension,
 * written by LAME and ffmpeg): encoder delay and padding, and the frame count. JLayer decodes that
 * first frame as one frame of silence and trims nothing, while ffmpeg skips it, then drops
 * {@code delay + 529} samples (529 is the MPEG decoder's own delay) and ends at
 * {@code frames × samplesPerFrame − delay − padding}; {@link #trimStart()} and {@link #length()}
 * reproduce that.
 *
 * @param samplesPerFrame 1152 (MPEG-1 layer III) or 576 (MPEG-2/2.5)
 * @param frames audio frames after the Info frame, or -1 if not given
 * @param delay encoder delay, samples
 * @param padding encoder padding at the end, samples
 */
record LameTag(int samplesPerFrame, long frames, int delay, int padding) {
    /** The MPEG layer III decoder's delay, which ffmpeg adds to the encoder delay. */
    static final int DECODER_DELAY = 529;

    /** Samples to drop at the start of JLayer's output: the Info frame, the encoder and decoder delays. */
    int trimStart() {
        return samplesPerFrame + delay + DECODER_DELAY;
    }

    /** The signal's length after trimming, or -1 if the frame count is not given. */
    long length() {
        return frames < 0 ? -1 : Math.max(0, frames * samplesPerFrame - delay - padding);
    }

    /**
     * Finds the tag at the start of an MP3 file.
     *
     * @param b the first bytes of the file or, after its ID3v2 tags, of the audio (8 KiB are plenty)
     * @param n how many of them are valid
     * @return the tag, or null when the first frame carries none (nothing is trimmed then, as by ffmpeg)
     */
    static LameTag parse(byte[] b, int n) {
        int p = 0;
        if (n >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            long size = ((b[6] & 0x7fL) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
            p = (int) Math.min(Integer.MAX_VALUE, 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0));
        }
        if (p < 0 || p + 4 > n || (b[p] & 0xff) != 0xff || (b[p + 1] & 0xe0) != 0xe0) {
            return null;
        }
        int version = (b[p + 1] >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        int layer = (b[p + 1] >> 1) & 3; // 1 = layer III
        if (layer != 1 || version == 1) {
            return null;
        }
        boolean mono = ((b[p + 3] >> 6) & 3) == 3;
        boolean mpeg1 = version == 3;
        int side = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int x = p + 4 + side;
        if (x + 8 > n || !(ascii(b, x, "Xing") || ascii(b, x, "Info"))) {
            return null;
        }
        int flags = be32(b, x + 4);
        int q = x + 8;
        long frames = -1;
        if ((flags & 1) != 0) {
            if (q + 4 > n) {
                return null;
            }
            frames = be32(b, q) & 0xffffffffL;
            q += 4;
        }
        q += (flags & 2) != 0 ? 4 : 0;
        q += (flags & 4) != 0 ? 100 : 0;
        q += (flags & 8) != 0 ? 4 : 0;
        int spf = mpeg1 ? 1152 : 576;
        if (q + 24 > n) {
            return new LameTag(spf, frames, 0, 0);
        }
        // The LAME extension: a 9-byte encoder name, ..., then at +21 12 bits of delay and 12 of padding.
        int delay = ((b[q + 21] & 0xff) << 4) | ((b[q + 22] & 0xff) >> 4);
        int padding = ((b[q + 22] & 0x0f) << 8) | (b[q + 23] & 0xff);
        if (!(ascii(b, q, "LAME") || ascii(b, q, "Lavc") || ascii(b, q, "Lavf") || ascii(b, q, "L3.9"))) {
            delay = 0;
            padding = 0;
        }
        return new LameTag(spf, frames, delay, padding);
    }

    private static boolean ascii(byte[] b, int p, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[p + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int be32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}
