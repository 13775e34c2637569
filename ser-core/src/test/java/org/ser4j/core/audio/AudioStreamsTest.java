package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AudioStreamsTest {
    @Property(tries = 60)
    void aStreamDecodesAsTheSameBytesDo(@ForAll long seed) throws IOException {
        byte[] wav = WavMutants.goodClip(new Random(seed));
        AudioClip fromBytes = WavDecoder.decode(wav, "x", AudioLimits.DEFAULT);
        // a stream that hands out a few bytes at a time, as a socket may
        InputStream trickle = new ByteArrayInputStream(wav) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + (int) Math.floorMod(seed, 7L)));
            }
        };
        AudioClip fromStream = AudioStreams.read(trickle, "x", AudioLimits.DEFAULT);
        assertEquals(fromBytes.sampleRate(), fromStream.sampleRate());
        assertArrayEquals(fromBytes.samples(), fromStream.samples());
    }

    @Property(tries = 200)
    void damagedStreamsFailOnlyWithAudioFormatException(@ForAll long seed) {
        WavMutants.Mutant m = WavMutants.next(new Random(seed));
        try {
            AudioStreams.read(new ByteArrayInputStream(m.bytes()), "upload.wav", AudioLimits.DEFAULT);
        } catch (AudioFormatException e) {
            assertTrue(e.getMessage().contains("upload.wav"), e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(m.kind() + ": not an AudioFormatException: " + e, e);
        }
    }

    @Test
    void otherContentIsNamedAndRefused() {
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> AudioStreams.read(new ByteArrayInputStream("ID3\u0004 mp3?".getBytes()), null, AudioLimits.DEFAULT));
        assertTrue(e.getMessage().contains("<stream>") && e.getMessage().contains("MP3 content") && e.getMessage().contains("ser-audio-codecs"),
                e.getMessage());
        assertThrows(EmptyAudioException.class, () -> AudioStreams.read(new ByteArrayInputStream(new byte[0]), "s", AudioLimits.DEFAULT));
    }

    @Test
    void aStreamThatStopsMovingIsRefusedNotWaitedOnForever() {
        InputStream stuck = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return 0; // a broken stream: neither data nor end of stream
            }
        };
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioStreams.readAll(stuck, "s", 100_000));
        assertTrue(e.getMessage().contains("no progress"), e.getMessage());
    }

    @Test
    void aStreamLongerThanTheCapIsRefusedWhileReading() throws IOException {
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                served += len;
                return len;
            }
        };
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioStreams.readAll(endless, "s", 100_000));
        assertTrue(e.getMessage().contains("more than 100000 bytes"), e.getMessage());
        byte[] small = AudioStreams.readAll(new ByteArrayInputStream(new byte[5000]), "s", 5000);
        assertEquals(5000, small.length);
        assertFalse(small.length > 5000);
    }
}
