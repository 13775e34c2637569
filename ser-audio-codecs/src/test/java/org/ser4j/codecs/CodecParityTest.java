package org.ser4j.codecs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFiles;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.AudioLimits;
import org.ser4j.core.audio.AudioStreams;
import org.ser4j.core.audio.WavDecoder;

/**
 * Decoded samples against ffmpeg 5.1's decode of the same files (the {@code .ref.wav} files, mixed
 * to mono by averaging): FLAC bit-exact, MP3 and Vorbis within decoder rounding, with the same length
 * (so MP3's encoder and decoder delay and padding are trimmed as ffmpeg trims them).
 */
class CodecParityTest {
    @TempDir
    Path tmp;

    private AudioClip decodeFile(String name) throws IOException {
        Path p = tmp.resolve("clip.bin"); // no telling extension: the content decides
        Files.write(p, Fixtures.bytes(name));
        return AudioFiles.read(p);
    }

    private static AudioClip ref(String name) throws IOException {
        return WavDecoder.decode(Fixtures.bytes(name), name);
    }

    @Test
    void monoFlacIsBitExact() throws IOException {
        AudioClip flac = decodeFile("mono16k.flac");
        AudioClip wav = ref("mono16k.wav");
        assertEquals(16_000, flac.sampleRate());
        assertArrayEquals(wav.samples(), flac.samples());
    }

    @Test
    void stereo24BitFlacMatchesFfmpegToFloatRounding() throws IOException {
        AudioClip flac = decodeFile("stereo32k.flac");
        AudioClip ref = ref("stereo32k.flac.ref.wav");
        assertEquals(32_000, flac.sampleRate());
        assertEquals(ref.length(), flac.length());
        assertTrue(maxAbsDiff(flac, ref) < 1e-7, "max diff " + maxAbsDiff(flac, ref));
    }

    @ParameterizedTest
    @CsvSource({"mono16k.mp3, 16000, 1e-3", "stereo32k.mp3, 32000, 1e-3", "mono16k.ogg, 16000, 1e-3",
        "stereo32k.ogg, 32000, 1e-3"})
    void lossyDecodesMatchFfmpegWithinDecoderRounding(String name, int rate, double tolerance) throws IOException {
        AudioClip ours = decodeFile(name);
        AudioClip ref = ref(name + ".ref.wav");
        assertEquals(rate, ours.sampleRate());
        assertEquals(ref.length(), ours.length(), "length (delay and padding trimmed as ffmpeg does)");
        double diff = maxAbsDiff(ours, ref);
        assertTrue(diff < tolerance, name + ": max diff " + diff);
    }

    @ParameterizedTest
    @CsvSource({"mono16k.flac", "mono16k.mp3", "mono16k.ogg", "stereo32k.ogg"})
    void streamsDecodeAsFiles(String name) throws IOException {
        AudioClip file = decodeFile(name);
        AudioClip stream = AudioStreams.read(new ByteArrayInputStream(Fixtures.bytes(name)), name, AudioLimits.DEFAULT);
        assertArrayEquals(file.samples(), stream.samples());
    }

    @ParameterizedTest
    @CsvSource({"mono16k.flac", "mono16k.mp3", "mono16k.ogg"})
    void refusesAudioLongerThanTheLimitWhileDecoding(String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, Fixtures.bytes(name));
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> AudioFiles.read(p, AudioLimits.DEFAULT.withMaxDuration(Duration.ofMillis(200))));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("longer than the limit") || e.getMessage().contains("more than"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"mono16k.flac", "mono16k.mp3", "mono16k.ogg"})
    void refusesARateOutsideTheLimits(String name) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, Fixtures.bytes(name));
        AudioLimits above16k = new AudioLimits(22_050, AudioLimits.MAX_SAMPLE_RATE, AudioLimits.MAX_CHANNELS,
                AudioLimits.DEFAULT_MAX_DURATION, AudioLimits.MAX_HEADER_CHUNKS);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(p, above16k));
        assertTrue(e.getMessage().contains("sample rate declares 16000 Hz"), e.getMessage());
    }

    @Test
    void refusesMoreChannelsThanTheLimit() throws IOException {
        Path p = tmp.resolve("s.flac");
        Files.write(p, Fixtures.bytes("stereo32k.flac"));
        AudioLimits mono = new AudioLimits(AudioLimits.MIN_SAMPLE_RATE, AudioLimits.MAX_SAMPLE_RATE, 1,
                AudioLimits.DEFAULT_MAX_DURATION, AudioLimits.MAX_HEADER_CHUNKS);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(p, mono));
        assertTrue(e.getMessage().contains("FLAC channel count declares 2 channels"), e.getMessage());
    }

    @Test
    void sniffsByContentOnly() {
        assertTrue(new FlacDecoderProvider().recognizes(Fixtures.bytes("mono16k.flac")));
        assertTrue(new Mp3DecoderProvider().recognizes(Fixtures.bytes("mono16k.mp3")));
        assertTrue(new VorbisDecoderProvider().recognizes(Fixtures.bytes("mono16k.ogg")));
        assertFalse(new VorbisDecoderProvider().recognizes(Fixtures.bytes("mono16k.flac")));
        assertFalse(new Mp3DecoderProvider().recognizes(Fixtures.bytes("mono16k.ogg")));
        byte[] opus = Fixtures.bytes("mono16k.ogg").clone();
        opus[29] = 'O'; // "\1vorbis" becomes "\1vOrbis": an Ogg stream of another codec
        assertFalse(new VorbisDecoderProvider().recognizes(opus));
    }

    @Test
    void anOggStreamOfAnotherCodecIsNamedAndRefused() throws IOException {
        byte[] other = Fixtures.bytes("mono16k.ogg").clone();
        other[29] = 'O';
        Path p = tmp.resolve("x.ogg");
        Files.write(p, other);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(p));
        assertTrue(e.getMessage().contains("looks like Ogg"), e.getMessage());
    }

    @Test
    void id3TagsAreSkippedUnreadAndAHugeDeclaredTagIsRefusedWithoutAllocatingIt() throws IOException {
        byte[] mp3 = Fixtures.bytes("mono16k.mp3");
        byte[] tagged = new byte[mp3.length + 10 + 20];
        byte[] tag = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 20};
        System.arraycopy(tag, 0, tagged, 0, 10);
        System.arraycopy(mp3, 0, tagged, 30, mp3.length); // a second tag: the file's own
        Path p = tmp.resolve("tagged.mp3");
        Files.write(p, tagged);
        assertArrayEquals(decodeFile("mono16k.mp3").samples(), AudioFiles.read(p).samples());

        byte[] huge = mp3.clone();
        huge[6] = 0x7f; // ID3v2 size 0x0fffffff + the file's own low bits: about 256 MiB, far past the end
        huge[7] = 0x7f;
        huge[8] = 0x7f;
        Path h = tmp.resolve("huge-tag.mp3");
        Files.write(h, huge);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(h));
        assertTrue(e.getMessage().contains("ID3v2 tag of") && e.getMessage().contains("truncated"), e.getMessage());
    }

    static double maxAbsDiff(AudioClip a, AudioClip b) {
        double m = 0;
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            m = Math.max(m, Math.abs(a.samples()[i] - b.samples()[i]));
        }
        return m;
    }
}
