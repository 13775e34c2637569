package org.ser4j.core.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes RIFF/WAVE files to mono {@link AudioClip}s, scaled exactly as librosa sees them through
 * soundfile (libsndfile).
 *
 * <p>Supported: format tags {@code WAVE_FORMAT_PCM} (1), {@code WAVE_FORMAT_IEEE_FLOAT} (3) and
 * {@code WAVE_FORMAT_EXTENSIBLE} (0xFFFE) with the PCM or IEEE-float sub-format GUID; integer PCM
 * of 8 bits (unsigned, decoded as {@code (b - 128) / 128}), 16, 24 and 32 bits (signed,
 * little-endian, divided by 2<sup>bits-1</sup>); IEEE float of 32 and 64 bits (as stored, 64-bit
 * values rounded to float); any number of channels, mixed down by averaging the channels of each
 * frame in float32 (bit-identical to {@code librosa.to_mono}).
 *
 * <p><b>Limits.</b> Before anything is allocated for the samples, the header is checked against
 * an {@link AudioLimits} ({@link AudioLimits#DEFAULT} unless one is given): sample rate 1 kHz to
 * 384 kHz, 1 to 64 channels, at most 4 hours of audio (from the data size actually present and
 * the rate), at most 1,024 chunks before the audio. A file outside them throws
 * {@link AudioFormatException} naming the file and the header field. Decoding allocates the output
 * (4 bytes per frame, at most 4 times the file's size) and one block of at most 8 MB, and runs in
 * time proportional to the file's size.
 *
 * <p><b>Non-finite samples.</b> An IEEE-float file holding NaN or infinity (or a 64-bit value
 * beyond float range) is refused with an {@link AudioFormatException} naming the file and the
 * first such sample: every feature of such a clip would be garbage, and one bad value in a
 * corpus is better reported by the decoder than by a feature extractor later.
 *
 * <p>Parsing rules, chosen to accept what real writers produce without ever guessing:
 * <ul>
 *   <li>Chunks other than {@code fmt } and {@code data} are skipped, honouring the pad byte after
 *       odd-sized chunks. The first {@code data} chunk is used.</li>
 *   <li>A {@code data} chunk whose declared size runs past the end of the file (streaming writers
 *       leave 0xFFFFFFFF or a stale size there) is accepted: only the bytes actually present are
 *       used, rounded down to whole frames, and a warning is logged. A trailing partial frame is
 *       dropped likewise.</li>
 *   <li>The header's block-align and byte-rate fields are not trusted; the frame size is
 *       {@code channels * bitsPerSample / 8}. A mismatching block align is logged.</li>
 *   <li>In {@code WAVE_FORMAT_EXTENSIBLE}, the channel mask and valid-bits fields are not used:
 *       every channel is averaged, whatever the mask says.</li>
 *   <li>Every size is checked against the real length of the input before anything is
 *       allocated, so garbage input cannot cause an {@link OutOfMemoryError}.</li>
 * </ul>
 *
 * <p>Failures (not RIFF/WAVE, truncated header, missing {@code fmt } or {@code data} chunk, no
 * whole frame of audio, zero channels, zero sample rate, unsupported format tag, sub-format or bit
 * depth) throw {@link AudioFormatException} naming the file and the problem; a well-formed file
 * without a whole frame of audio throws its subclass {@link EmptyAudioException}. A missing file or a
 * directory throws a plain {@link IOException} naming the path.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class WavDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(WavDecoder.class);

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_IEEE_FLOAT = 0x0003;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_* GUIDs (xxxxxxxx-0000-0010-8000-00aa00389b71). */
    private static final byte[] GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
    };
    /** Largest float array the JVM will allocate. */
    private static final long MAX_FRAMES = Integer.MAX_VALUE - 16L;
    private static final int BLOCK_FRAMES = 16 * 1024;

    private WavDecoder() {
    }

    /**
     * Reads a WAV file, mixing channels down by averaging.
     *
     * @param path the WAV file
     * @return the mono samples (scaled as librosa loads them) at the file's own sample rate, Hz
     * @throws EmptyAudioException if the data chunk holds no whole frame
     * @throws AudioFormatException if the file is not a WAV file ser4j can decode (the message
     *     names the file and the problem)
     * @throws IOException if the file is missing, a directory or cannot be read
     */
    public static AudioClip read(Path path) throws IOException {
        return read(path, AudioLimits.DEFAULT);
    }

    /**
     * Reads a WAV file within the given limits, mixing channels down by averaging.
     *
     * @param path the WAV file
     * @param limits what the header may declare (rate, channels, duration); checked before the
     *     samples are allocated
     * @return the mono samples (scaled as librosa loads them) at the file's own sample rate, Hz
     * @throws EmptyAudioException if the data chunk holds no whole frame
     * @throws AudioFormatException if the file is not a WAV file ser4j can decode, or its header
     *     is outside {@code limits} (the message names the file and the problem)
     * @throws IOException if the file is missing, a directory or cannot be read
     */
    public static AudioClip read(Path path, AudioLimits limits) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
        try (FileChannel ch = open(path)) {
            Input in = new ChannelInput(ch);
            Header h = parseHeader(in, path.toString(), limits);
            return decodeData(in, h, path.toString());
        }
    }

    /**
     * Reads only the header of a WAV file. {@link WavFormat#frames()} counts the whole frames
     * actually present in the file (see the class comment on over-long data chunks).
     *
     * @param path the WAV file
     * @return its encoding, channels, sample rate (Hz), bit depth and frame count
     * @throws AudioFormatException if the header is not one {@link #read(Path)} accepts
     * @throws IOException if the file is missing, a directory or cannot be read
     */
    public static WavFormat readFormat(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (FileChannel ch = open(path)) {
            return parseHeader(new ChannelInput(ch), path.toString(), AudioLimits.DEFAULT).format();
        }
    }

    /**
     * Decodes WAV bytes; {@code source} names them in error messages.
     *
     * @param bytes a whole WAV file
     * @param source a name for the bytes in error messages (e.g. a URL); {@code <bytes>} when null
     * @return the mono samples (scaled as librosa loads them) at the file's own sample rate, Hz
     * @throws AudioFormatException if the bytes are not a WAV file ser4j can decode
     */
    public static AudioClip decode(byte[] bytes, String source) throws AudioFormatException {
        return decode(bytes, source, AudioLimits.DEFAULT);
    }

    /**
     * Decodes WAV bytes within the given limits; {@code source} names them in error messages.
     *
     * @param bytes a whole WAV file
     * @param source a name for the bytes in error messages (e.g. a URL); {@code <bytes>} when null
     * @param limits what the header may declare (rate, channels, duration)
     * @return the mono samples (scaled as librosa loads them) at the file's own sample rate, Hz
     * @throws AudioFormatException if the bytes are not a WAV file ser4j can decode, or the header
     *     is outside {@code limits}
     */
    public static AudioClip decode(byte[] bytes, String source, AudioLimits limits) throws AudioFormatException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(limits, "limits");
        String src = source == null ? "<bytes>" : source;
        Input in = new ArrayInput(bytes);
        try {
            Header h = parseHeader(in, src, limits);
            return decodeData(in, h, src);
        } catch (AudioFormatException e) {
            throw e;
        } catch (IOException e) {
            // ArrayInput never fails with anything but AudioFormatException.
            throw new AudioFormatException(src, "cannot decode: " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the header of WAV bytes; {@code source} names them in error messages.
     *
     * @param bytes a WAV file, or at least its header
     * @param source a name for the bytes in error messages; {@code <bytes>} when null
     * @return its encoding, channels, sample rate (Hz), bit depth and frame count
     * @throws AudioFormatException if the header is not one {@link #decode(byte[], String)} accepts
     */
    public static WavFormat decodeFormat(byte[] bytes, String source) throws AudioFormatException {
        Objects.requireNonNull(bytes, "bytes");
        String src = source == null ? "<bytes>" : source;
        try {
            return parseHeader(new ArrayInput(bytes), src, AudioLimits.DEFAULT).format();
        } catch (AudioFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioFormatException(src, "cannot decode: " + e.getMessage(), e);
        }
    }

    private static FileChannel open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, "is a directory, not a WAV file");
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    // ------------------------------------------------------------------ header

    /** Where the samples are and how they are encoded. */
    private record Header(WavFormat format, long dataOffset, int frameBytes) {
    }

    private static Header parseHeader(Input in, String src, AudioLimits limits) throws IOException {
        long size = in.size();
        if (size < 12) {
            throw new AudioFormatException(src, "too short to be a WAV file (" + size + " bytes)");
        }
        checkRiffWave(in.read(0, 12, src), src);

        Fmt fmt = null;
        long dataOffset = -1;
        long dataBytes = 0;
        long pos = 12;
        int chunks = 0;
        while (pos + 8 <= size) {
            limits.checkHeaderChunks(src, ++chunks);
            byte[] ch = in.read(pos, 8, src);
            String id = ascii(ch, 0);
            long chunkSize = u32(ch, 4);
            long body = pos + 8;
            if ("fmt ".equals(id)) {
                if (chunkSize < 16) {
                    throw new AudioFormatException(src, "fmt chunk is " + chunkSize + " bytes, expected at least 16");
                }
                if (body + chunkSize > size) {
                    throw new AudioFormatException(src, "truncated header: fmt chunk needs " + chunkSize
                            + " bytes but the file ends after " + (size - body));
                }
                if (fmt == null) {
                    fmt = parseFmt(in.read(body, (int) Math.min(chunkSize, 40), src), chunkSize, src, limits);
                }
            } else if ("data".equals(id)) {
                if (dataOffset < 0) {
                    dataOffset = body;
                    long available = size - body;
                    if (chunkSize > available) {
                        LOG.warn("{}: data chunk declares {} bytes but only {} are present; using those",
                                src, chunkSize, available);
                        dataBytes = available;
                        break; // nothing can follow a chunk that runs past the end
                    }
                    dataBytes = chunkSize;
                    if (fmt != null) {
                        break;
                    }
                }
            }
            pos = body + chunkSize + (chunkSize & 1);
        }
        if (fmt == null) {
            throw new AudioFormatException(src, dataOffset < 0
                    ? "truncated or invalid header: no fmt chunk and no data chunk found"
                    : "no fmt chunk before the end of the file");
        }
        if (dataOffset < 0) {
            throw new AudioFormatException(src, "no data chunk found");
        }
        int frameBytes = fmt.channels * (fmt.bits / 8);
        long frames = dataBytes / frameBytes;
        if (dataBytes % frameBytes != 0) {
            LOG.warn("{}: data chunk of {} bytes ends with a partial frame; dropping {} bytes",
                    src, dataBytes, dataBytes % frameBytes);
        }
        limits.checkDuration(src, "data chunk size", frames, fmt.rate);
        if (frames == 0) {
            throw new EmptyAudioException(src, dataBytes == 0
                    ? "data chunk is empty (zero-length audio)"
                    : "data chunk holds " + dataBytes + " bytes, less than one frame of " + frameBytes + " bytes");
        }
        return new Header(new WavFormat(fmt.encoding, fmt.bits, fmt.channels, fmt.rate, frames), dataOffset, frameBytes);
    }

    /** Refuses a first 12 bytes that are not {@code RIFF....WAVE}, saying what they are instead. */
    private static void checkRiffWave(byte[] riff, String src) throws AudioFormatException {
        String magic = ascii(riff, 0);
        if (!"RIFF".equals(magic)) {
            if ("RIFX".equals(magic)) {
                throw new AudioFormatException(src, "big-endian RIFX WAV files are not supported");
            }
            if ("RF64".equals(magic)) {
                throw new AudioFormatException(src, "RF64 (64-bit WAV) files are not supported");
            }
            throw new AudioFormatException(src, "not a WAV file (no RIFF header; starts with " + printable(riff, 0, 4) + ")");
        }
        if (!"WAVE".equals(ascii(riff, 8))) {
            throw new AudioFormatException(src, "RIFF file is not WAVE (form type " + printable(riff, 8, 4) + ")");
        }
    }

    /**
     * Reads a WAV header from a stream, up to the first byte of the {@code data} chunk's audio, for
     * reading the audio incrementally as it arrives (a live capture piped in, a socket). Chunks
     * before {@code fmt } and {@code data} are skipped (read and discarded); the {@code fmt } chunk
     * is checked as {@link #read(Path, AudioLimits)} checks it (encoding, bit depth, channels and
     * rate within {@code limits}). The stream is left at the first audio byte, not closed.
     *
     * @param in the stream, positioned at the start of the WAV file
     * @param source a name for the stream in error messages
     * @param limits what the header may declare (rate, channels, chunks before the audio)
     * @return the audio's layout and the data size the header declares
     * @throws AudioFormatException naming {@code source} if the stream is not a RIFF/WAVE stream
     *     ser4j decodes, its {@code data} chunk comes before its {@code fmt } chunk, it ends inside
     *     the header, or the header is outside {@code limits}
     * @throws IOException if reading the stream fails
     * @throws NullPointerException if {@code in} or {@code limits} is null
     */
    public static WavStreamHeader readStreamHeader(java.io.InputStream in, String source, AudioLimits limits)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(limits, "limits");
        String src = source == null ? "<stream>" : source;
        checkRiffWave(readExactly(in, 12, src), src);
        Fmt fmt = null;
        int chunks = 0;
        while (true) {
            limits.checkHeaderChunks(src, ++chunks);
            byte[] ch = readExactly(in, 8, src);
            String id = ascii(ch, 0);
            long chunkSize = u32(ch, 4);
            if ("data".equals(id)) {
                if (fmt == null) {
                    throw new AudioFormatException(src, "data chunk before the fmt chunk; the stream cannot be decoded as it arrives");
                }
                boolean unsigned = fmt.encoding == WavFormat.Encoding.PCM && fmt.bits == 8;
                javax.sound.sampled.AudioFormat.Encoding encoding = fmt.encoding == WavFormat.Encoding.IEEE_FLOAT
                        ? javax.sound.sampled.AudioFormat.Encoding.PCM_FLOAT
                        : unsigned ? javax.sound.sampled.AudioFormat.Encoding.PCM_UNSIGNED
                        : javax.sound.sampled.AudioFormat.Encoding.PCM_SIGNED;
                int frameBytes = fmt.channels * (fmt.bits / 8);
                var format = new javax.sound.sampled.AudioFormat(encoding, fmt.rate, fmt.bits, fmt.channels, frameBytes,
                        fmt.rate, false);
                // Streaming writers (arecord, ffmpeg to a pipe) leave 0 or 0xFFFFFFFF: the length is unknown.
                long declared = chunkSize == 0 || chunkSize == 0xFFFFFFFFL ? -1 : chunkSize;
                return new WavStreamHeader(format, declared);
            }
            long skip = chunkSize + (chunkSize & 1);
            if ("fmt ".equals(id) && fmt == null) {
                if (chunkSize < 16) {
                    throw new AudioFormatException(src, "fmt chunk is " + chunkSize + " bytes, expected at least 16");
                }
                int n = (int) Math.min(chunkSize, 40);
                fmt = parseFmt(readExactly(in, n, src), chunkSize, src, limits);
                skip -= n;
            }
            skipExactly(in, skip, src);
        }
    }

    private record Fmt(WavFormat.Encoding encoding, int bits, int channels, int rate) {
    }

    private static Fmt parseFmt(byte[] b, long chunkSize, String src, AudioLimits limits) throws AudioFormatException {
        int tag = u16(b, 0);
        int channels = u16(b, 2);
        long rate = u32(b, 4);
        int blockAlign = u16(b, 12);
        int bits = u16(b, 14);
        String tagName = tagName(tag);
        if (tag == TAG_EXTENSIBLE) {
            if (chunkSize < 40) {
                throw new AudioFormatException(src, "WAVE_FORMAT_EXTENSIBLE fmt chunk is " + chunkSize
                        + " bytes, expected at least 40");
            }
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (b[26 + i] != GUID_TAIL[i]) {
                    throw new AudioFormatException(src, "unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID "
                            + guid(b, 24) + "; ser4j decodes PCM and IEEE float");
                }
            }
            tag = u16(b, 24);
            tagName = "WAVE_FORMAT_EXTENSIBLE/" + tagName(tag);
        }
        WavFormat.Encoding encoding;
        if (tag == TAG_PCM) {
            encoding = WavFormat.Encoding.PCM;
            if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                throw new AudioFormatException(src, "unsupported PCM bit depth " + bits + " (supported: 8, 16, 24, 32)");
            }
        } else if (tag == TAG_IEEE_FLOAT) {
            encoding = WavFormat.Encoding.IEEE_FLOAT;
            if (bits != 32 && bits != 64) {
                throw new AudioFormatException(src, "unsupported IEEE float bit depth " + bits + " (supported: 32, 64)");
            }
        } else {
            throw new AudioFormatException(src, "unsupported encoding " + tagName
                    + "; ser4j decodes PCM (8/16/24/32-bit) and IEEE float (32/64-bit)");
        }
        if (channels == 0) {
            throw new AudioFormatException(src, "header declares zero channels (fmt channel count)");
        }
        limits.checkChannels(src, "fmt channel count", channels);
        if (rate == 0) {
            throw new AudioFormatException(src, "header declares a sample rate of 0 Hz (fmt sample rate)");
        }
        limits.checkSampleRate(src, "fmt sample rate", rate);
        int expectedAlign = channels * bits / 8;
        if (blockAlign != expectedAlign) {
            LOG.warn("{}: block align {} does not match {} channels x {} bits; using {}",
                    src, blockAlign, channels, bits, expectedAlign);
        }
        return new Fmt(encoding, bits, channels, (int) rate);
    }

    private static String tagName(int tag) {
        String name = switch (tag) {
            case TAG_PCM -> "PCM";
            case 0x0002 -> "MS ADPCM";
            case TAG_IEEE_FLOAT -> "IEEE float";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0055 -> "MPEG layer 3";
            case TAG_EXTENSIBLE -> "WAVE_FORMAT_EXTENSIBLE";
            default -> "unknown";
        };
        return String.format("format tag 0x%04X (%s)", tag, name);
    }

    // ------------------------------------------------------------------ samples

    private static AudioClip decodeData(Input in, Header h, String src) throws IOException {
        WavFormat f = h.format();
        long frames = f.frames();
        if (frames > MAX_FRAMES || frames * 4 > Runtime.getRuntime().maxMemory() / 2) {
            throw new AudioFormatException(src, "audio of " + frames + " frames is too long to decode into memory");
        }
        float[] out = new float[(int) frames];
        int channels = f.channels();
        int frameBytes = h.frameBytes();
        // At most 2^20 samples (8 MB of bytes, 4 MB of floats) per block, however many channels.
        int block = (int) Math.min(frames, Math.max(1, Math.min(BLOCK_FRAMES, (1 << 20) / channels)));
        float[] interleaved = channels == 1 ? null : new float[block * channels];
        boolean isFloat = f.encoding() == WavFormat.Encoding.IEEE_FLOAT;
        PcmConverter pcm = new PcmConverter(isFloat, !isFloat && f.bitsPerSample() == 8, false, f.bitsPerSample(), channels);
        for (long start = 0; start < frames; start += block) {
            int n = (int) Math.min(block, frames - start);
            byte[] buf = in.read(h.dataOffset() + start * frameBytes, n * frameBytes, src);
            int dst = (int) start;
            if (channels == 1) {
                pcm.toInterleaved(buf, 0, n, out, dst);
                if (f.encoding() == WavFormat.Encoding.IEEE_FLOAT) {
                    checkFinite(out, dst, n, 1, start, f.bitsPerSample() == 64, src);
                }
            } else {
                pcm.toInterleaved(buf, 0, n * channels, interleaved, 0);
                if (f.encoding() == WavFormat.Encoding.IEEE_FLOAT) {
                    checkFinite(interleaved, 0, n * channels, channels, start, f.bitsPerSample() == 64, src);
                }
                PcmConverter.mixDown(interleaved, n, channels, out, dst);
            }
        }
        return new AudioClip(out, f.sampleRate());
    }

    /**
     * Refuses the first NaN or infinity among {@code count} decoded samples at {@code x[from...]},
     * which are interleaved frames from {@code firstFrame} on.
     */
    private static void checkFinite(float[] x, int from, int count, int channels, long firstFrame, boolean wide, String src)
            throws AudioFormatException {
        float acc = 0;
        for (int i = 0; i < count; i++) {
            acc += x[from + i] * 0f; // NaN exactly when some sample is NaN or infinite
        }
        if (acc == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            float v = x[from + i];
            if (!Float.isFinite(v)) {
                long frame = firstFrame + i / channels;
                throw new AudioFormatException(src, "sample at frame " + frame + (channels > 1 ? ", channel " + (i % channels) : "")
                        + " is " + (wide && Float.isInfinite(v) ? v + " (or beyond float range)" : v)
                        + "; ser4j refuses non-finite float samples");
            }
        }
    }

    /** Exactly {@code n} bytes of {@code in}, or an error saying the stream ended inside the header. */
    private static byte[] readExactly(java.io.InputStream in, int n, String src) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new AudioFormatException(src, "the stream ended inside the WAV header");
        }
        return b;
    }

    private static void skipExactly(java.io.InputStream in, long n, String src) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        for (long left = n; left > 0;) {
            int r = in.read(sink, 0, (int) Math.min(left, sink.length));
            if (r < 0) {
                throw new AudioFormatException(src, "the stream ended inside the WAV header");
            }
            left -= r;
        }
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24);
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
    }

    private static long u32(byte[] b, int p) {
        return le32(b, p) & 0xFFFFFFFFL;
    }

    private static String ascii(byte[] b, int p) {
        return new String(b, p, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] b, int p, int n) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = p; i < p + n; i++) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02X", c));
            }
        }
        return sb.append('"').toString();
    }

    private static String guid(byte[] b, int p) {
        return String.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                u32(b, p), u16(b, p + 4), u16(b, p + 6), b[p + 8], b[p + 9],
                b[p + 10], b[p + 11], b[p + 12], b[p + 13], b[p + 14], b[p + 15]);
    }

    // ------------------------------------------------------------------ inputs

    /** Random-access bytes whose length is known before anything is read. */
    private interface Input {
        long size() throws IOException;

        /** Reads exactly {@code n} bytes at {@code pos}; callers have checked the range. */
        byte[] read(long pos, int n, String src) throws IOException;
    }

    private static final class ArrayInput implements Input {
        private final byte[] bytes;

        ArrayInput(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public byte[] read(long pos, int n, String src) throws AudioFormatException {
            if (pos < 0 || pos + n > bytes.length) {
                throw new AudioFormatException(src, "unexpected end of data at byte " + pos);
            }
            byte[] out = new byte[n];
            System.arraycopy(bytes, (int) pos, out, 0, n);
            return out;
        }
    }

    private static final class ChannelInput implements Input {
        private final FileChannel channel;

        ChannelInput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public byte[] read(long pos, int n, String src) throws IOException {
            byte[] out = new byte[n];
            ByteBuffer buf = ByteBuffer.wrap(out);
            long p = pos;
            while (buf.hasRemaining()) {
                int r = channel.read(buf, p);
                if (r < 0) {
                    throw new AudioFormatException(src, "file ended while reading byte " + p
                            + " (was it truncated while being read?)");
                }
                p += r;
            }
            return out;
        }
    }
}
