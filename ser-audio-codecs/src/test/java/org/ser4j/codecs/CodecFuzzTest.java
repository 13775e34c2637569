package org.ser4j.codecs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.AudioLimits;
import org.ser4j.core.audio.AudioStreams;

/**
 * Mutated FLAC, MP3 and Ogg Vorbis files (truncations, random bytes, flipped bits, garbage after the
 * magic, repeated blocks) through the stream entry point: each either decodes to samples within the
 * limits or fails with one {@link AudioFormatException} naming the source, never another exception,
 * and never hangs (a generous per-file guard, not a speed assertion).
 */
class CodecFuzzTest {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "codec-fuzz");
        t.setDaemon(true);
        return t;
    });
    private static final long HANG_GUARD_SECONDS = 60;

    @AfterContainer
    static void shutdown() {
        POOL.shutdownNow();
    }

    enum Mutation { TRUNCATE, RANDOM_BYTES, FLIP_BITS, GARBAGE_AFTER_MAGIC, REPEAT_BLOCK, ZERO_RUN }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(Fixtures.ENCODED);
    }

    @Property(tries = 600)
    void mutantsDecodeOrFailWithOneAudioFormatException(@ForAll("files") String name, @ForAll Mutation mutation,
            @ForAll long seed) throws Exception {
        byte[] mutant = mutate(Fixtures.bytes(name), mutation, new Random(seed));
        String source = name + "#" + mutation + "#" + seed;
        Future<AudioClip> f = POOL.submit(() -> AudioStreams.read(new ByteArrayInputStream(mutant), source, AudioLimits.DEFAULT));
        try {
            AudioClip clip = f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            assertTrue(clip.length() > 0 && clip.durationSeconds() < 60, source + ": " + clip.length() + " samples");
            for (float v : clip.samples()) {
                assertTrue(Float.isFinite(v) && Math.abs(v) <= 1.0f, source + ": sample " + v);
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            fail(source + ": no result after " + HANG_GUARD_SECONDS + " s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (!(c instanceof AudioFormatException)) {
                throw new AssertionError(source + ": not an AudioFormatException", c);
            }
            assertTrue(c.getMessage().startsWith(source + ": "), c.getMessage());
        }
    }

    static byte[] mutate(byte[] in, Mutation m, Random r) {
        byte[] b = in.clone();
        switch (m) {
            case TRUNCATE:
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case RANDOM_BYTES:
                for (int i = 0, n = 1 + r.nextInt(32); i < n; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            case FLIP_BITS:
                for (int i = 0, n = 1 + r.nextInt(16); i < n; i++) {
                    int at = r.nextInt(Math.min(b.length, r.nextBoolean() ? 512 : b.length)); // headers often
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case GARBAGE_AFTER_MAGIC:
                for (int i = 4 + r.nextInt(64); i < b.length && i < 4096; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
                return b;
            case REPEAT_BLOCK: {
                int from = r.nextInt(b.length);
                int len = Math.min(b.length - from, 1 + r.nextInt(2048));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, from + len);
                System.arraycopy(b, from, out, from + len, b.length - from);
                return out;
            }
            case ZERO_RUN: {
                int from = r.nextInt(b.length);
                java.util.Arrays.fill(b, from, Math.min(b.length, from + 1 + r.nextInt(1024)), (byte) 0);
                return b;
            }
            default:
                throw new IllegalArgumentException(m.toString());
        }
    }

    @Property(tries = 200)
    void randomBytesAfterEachMagicFailCleanly(@ForAll("magics") String magic, @ForAll long seed) throws IOException {
        Random r = new Random(seed);
        byte[] b = new byte[r.nextInt(4096)];
        r.nextBytes(b);
        byte[] m = magic.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] content = new byte[m.length + b.length];
        System.arraycopy(m, 0, content, 0, m.length);
        System.arraycopy(b, 0, content, m.length, b.length);
        try {
            AudioStreams.read(new ByteArrayInputStream(content), "junk", AudioLimits.DEFAULT);
        } catch (AudioFormatException e) {
            assertTrue(e.getMessage().startsWith("junk: "), e.getMessage());
        }
    }

    @Provide
    Arbitrary<String> magics() {
        return Arbitraries.of("fLaC", "ID3", "\u00ff\u00fb", "\u00ff\u00f3", "OggS");
    }
}
