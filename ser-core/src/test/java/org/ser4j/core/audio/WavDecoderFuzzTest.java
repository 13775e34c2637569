package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The decoder over {@link WavMutants}: every mutant either decodes to a clip inside the limits
 * or fails with an {@link AudioFormatException}; never another exception, a hang or an allocation
 * out of proportion to the file.
 */
class WavDecoderFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What one decode did: the clip or the failure, and the bytes it allocated. */
    record Outcome(AudioClip clip, Exception failure, long allocated) {
    }

    static Outcome decode(byte[] bytes) {
        // The timeout is a hang guard only (a mutant takes microseconds).
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            AudioClip clip = null;
            Exception failure = null;
            try {
                clip = WavDecoder.decode(bytes, "mutant.wav");
            } catch (AudioFormatException e) {
                failure = e;
            }
            return new Outcome(clip, failure, THREADS.getCurrentThreadAllocatedBytes() - before);
        });
    }

    @Property(tries = 1500)
    void mutantsDecodeWithinTheLimitsOrFailWithAudioFormatException(@ForAll long seed) {
        WavMutants.Mutant m = WavMutants.next(new Random(seed));
        Outcome o = decode(m.bytes());
        // Output floats, the block reads and one interleaved block: a small multiple of the file.
        assertTrue(o.allocated() <= 10L * m.bytes().length + (256 << 10),
                m.kind() + ": allocated " + o.allocated() + " bytes for a file of " + m.bytes().length);
        if (o.failure() != null) {
            assertTrue(o.failure().getMessage().startsWith("mutant.wav: "), o.failure().getMessage());
            return;
        }
        AudioClip c = o.clip();
        assertTrue(c.sampleRate() >= AudioLimits.MIN_SAMPLE_RATE && c.sampleRate() <= AudioLimits.MAX_SAMPLE_RATE,
                m.kind() + ": rate " + c.sampleRate());
        assertTrue(c.length() >= 1 && c.length() <= m.bytes().length, m.kind() + ": " + c.length() + " frames");
        for (float v : c.samples()) {
            assertTrue(Float.isFinite(v), m.kind() + ": non-finite sample decoded");
        }
    }

    /** Every kind of damage comes up, and those that always break a file are always refused. */
    @Example
    void everyKindIsGeneratedAndTheFatalOnesAreRefused() {
        Map<WavMutants.Kind, int[]> seen = new EnumMap<>(WavMutants.Kind.class);
        Random r = new Random(12);
        for (int i = 0; i < 1500; i++) {
            WavMutants.Mutant m = WavMutants.next(r);
            int[] counts = seen.computeIfAbsent(m.kind(), k -> new int[2]);
            counts[0]++;
            if (decode(m.bytes()).failure() != null) {
                counts[1]++;
            }
        }
        assertEquals(WavMutants.Kind.values().length, seen.size(), seen.keySet().toString());
        for (WavMutants.Kind k : new WavMutants.Kind[] {WavMutants.Kind.ZERO_CHANNELS, WavMutants.Kind.NON_FINITE_FLOATS,
            WavMutants.Kind.MANY_CHUNKS}) {
            assertEquals(seen.get(k)[0], seen.get(k)[1], k + " always fails");
        }
        // A data size running past the end is a streaming writer's habit: the frames present are used.
        for (WavMutants.Kind k : new WavMutants.Kind[] {WavMutants.Kind.ODD_SIZED_CHUNK, WavMutants.Kind.LYING_RIFF_SIZE,
            WavMutants.Kind.HOURS_DECLARED}) {
            assertTrue(seen.get(k)[1] < seen.get(k)[0], k + " is sometimes still decodable");
        }
    }

    @Example
    void headerFieldsOutsideTheLimitsAreNamed() throws AudioFormatException {
        Random r = new Random(1);
        byte[] good = WavMutants.build(1, 1, 16000, 16, false, 0.5, r);
        int fmt = WavMutants.find(good, "fmt ");
        byte[] slow = good.clone();
        java.nio.ByteBuffer.wrap(slow, fmt + 12, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(3);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavDecoder.decode(slow, "slow.wav"));
        assertEquals("slow.wav: fmt sample rate declares 3 Hz; supported rates are 1000 to 384000 Hz", e.getMessage());
        byte[] wide = good.clone();
        java.nio.ByteBuffer.wrap(wide, fmt + 10, 2).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort((short) 65);
        e = assertThrows(AudioFormatException.class, () -> WavDecoder.decode(wide, "wide.wav"));
        assertEquals("wide.wav: fmt channel count declares 65 channels; supported: 1 to 64", e.getMessage());
        AudioLimits oneTenth = AudioLimits.DEFAULT.withMaxDuration(Duration.ofMillis(100));
        e = assertThrows(AudioFormatException.class, () -> WavDecoder.decode(good, "long.wav", oneTenth));
        assertTrue(e.getMessage().startsWith("long.wav: data chunk size implies 8000 frames at 16000 Hz (0.5 s), longer than"
                + " the limit of 0.1 s"), e.getMessage());
        assertEquals(8000, WavDecoder.decode(good, "ok.wav").length());
        // 64 channels and the rate bounds themselves are accepted.
        assertEquals(1000, WavDecoder.decode(WavMutants.build(1, 64, 1000, 8, false, 0.01, r), "a").sampleRate());
        assertEquals(384000, WavDecoder.decode(WavMutants.build(3, 1, 384000, 32, true, 0.01, r), "b").sampleRate());
    }

    @Example
    void nonFiniteFloatSamplesAreRefusedNamingTheFrame() {
        byte[] f = WavMutants.build(3, 2, 16000, 32, true, 0.1, new Random(2));
        int d = WavMutants.find(f, "data") + 8;
        java.nio.ByteBuffer.wrap(f, d + 8 * 700 + 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavDecoder.decode(f, "nan.wav"));
        assertTrue(e.getMessage().startsWith("nan.wav: sample at frame 700, channel 1 is NaN"), e.getMessage());
    }

    @Example
    void theResamplerRefusesRatesOutsideTheLimits() {
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[10], 999, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[10], 16000, 384_001));
        assertEquals(160, Resampler.resample(new float[10], 1000, 16000).length);
    }

    @Example
    void limitsCanOnlyBeTightened() {
        assertThrows(IllegalArgumentException.class, () -> new AudioLimits(999, 48000, 2, Duration.ofHours(1), 10));
        assertThrows(IllegalArgumentException.class, () -> new AudioLimits(8000, 400_000, 2, Duration.ofHours(1), 10));
        assertThrows(IllegalArgumentException.class, () -> new AudioLimits(8000, 48000, 65, Duration.ofHours(1), 10));
        assertThrows(IllegalArgumentException.class, () -> AudioLimits.DEFAULT.withMaxDuration(Duration.ZERO));
        AudioLimits strict = new AudioLimits(8000, 48000, 2, Duration.ofHours(1), 10);
        assertThrows(AudioFormatException.class,
                () -> WavDecoder.decode(WavMutants.build(1, 3, 16000, 16, false, 0.1, new Random(3)), "x", strict));
    }
}
