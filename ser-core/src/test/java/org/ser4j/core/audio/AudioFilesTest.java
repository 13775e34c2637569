package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one entry point for files: WAV by content, whatever the name; compressed formats without their module named. */
class AudioFilesTest {
    @TempDir
    Path tmp;

    @Test
    void wavIsFoundByContentWhateverTheName() throws IOException {
        float[] x = {0.25f, -0.5f, 0.125f, 0f};
        Path wav = tmp.resolve("a.wav");
        WavWriter.writePcm16(wav, new AudioClip(x, 16_000));
        Path misnamed = tmp.resolve("really-a-wav.mp3");
        Files.copy(wav, misnamed);
        assertArrayEquals(WavDecoder.read(wav).samples(), AudioFiles.read(misnamed).samples());
    }

    @ParameterizedTest
    @CsvSource({"fLaC, FLAC", "ID3, MP3", "OggS, Ogg"})
    void aCompressedFormatWithoutItsDecoderNamesTheMissingModule(String magic, String format) throws IOException {
        Path p = tmp.resolve("clip.bin");
        Files.write(p, (magic + "\0\0\0\0\0\0\0\0").getBytes(StandardCharsets.ISO_8859_1));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(p));
        assertEquals(p + ": " + format + " content, but no decoder for it is on the class path (add "
                + "org.ser4j:ser-audio-codecs); supported: WAV (RIFF/WAVE)", e.getMessage());
        AudioFormatException s = assertThrows(AudioFormatException.class, () -> AudioStreams.read(
                new ByteArrayInputStream(Files.readAllBytes(p)), "upload", AudioLimits.DEFAULT));
        assertTrue(s.getMessage().startsWith("upload: " + format + " content"), s.getMessage());
    }

    @Test
    void unknownContentIsNamed() throws IOException {
        Path p = tmp.resolve("notes.wav");
        Files.writeString(p, "hello");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFiles.read(p));
        assertTrue(e.getMessage().startsWith(p + ": unrecognised audio content (starts with 0x68656c6c)"), e.getMessage());
    }

    @Test
    void emptyAndMissingFiles() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.flac"));
        assertThrows(EmptyAudioException.class, () -> AudioFiles.read(empty));
        assertThrows(NoSuchFileException.class, () -> AudioFiles.read(tmp.resolve("gone.wav")));
        assertThrows(IOException.class, () -> AudioFiles.read(tmp));
    }

    @Test
    void extensionsChooseOnlyWhichFilesToLookAt() {
        assertTrue(AudioFiles.hasAudioExtension(Path.of("a/B.FLAC")));
        assertTrue(AudioFiles.hasAudioExtension(Path.of("x.mp3")));
        assertTrue(AudioFiles.hasAudioExtension(Path.of("x.ogg")));
        assertTrue(AudioFiles.hasAudioExtension(Path.of("x.wav")));
        assertFalse(AudioFiles.hasAudioExtension(Path.of("x.opus")));
        assertFalse(AudioFiles.hasAudioExtension(Path.of("wav")));
        assertEquals("MP3", AudioFiles.formatOf(new byte[] {(byte) 0xff, (byte) 0xfb, 0x50}));
        assertNull(AudioFiles.formatOf(new byte[] {1, 2, 3}));
    }
}
