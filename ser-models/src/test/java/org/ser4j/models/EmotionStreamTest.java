package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.WavFormat;
import org.ser4j.core.audio.WavWriter;

/**
 * A stream gives the windows of {@code classifyTimeline} on the same audio, however it is chunked,
 * at any rate, from samples or from PCM bytes of any layout; and refuses misuse clearly.
 */
class EmotionStreamTest {
    private static final int WINDOW = 80_080;
    private static final int HOP = ClassifierOptions.DEFAULT_HOP_SAMPLES;
    private static WindowedEmotionClassifier classifier;
    private static Path dir;

    /** For jqwik's properties and JUnit's tests alike (the two engines run one after the other). */
    @BeforeContainer
    @BeforeAll
    static void open() throws IOException {
        classifier = EmotionClassifiers.defaultClassifier();
        dir = Files.createTempDirectory("ser4j-stream");
    }

    @AfterContainer
    @AfterAll
    static void close() throws IOException {
        classifier.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** Speech-like: a voiced tone with syllable-rate envelope, noise, and a silent gap (which silence trimming sees). */
    static float[] speechLike(int n, int rate, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        double f0 = 110 + r.nextInt(150);
        int gapFrom = n / 3;
        int gapTo = gapFrom + n / 10;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t + seed);
            double v = env * (0.4 * Math.sin(2 * Math.PI * f0 * t) + 0.15 * Math.sin(2 * Math.PI * 3.1 * f0 * t))
                    + 0.02 * r.nextGaussian();
            x[i] = (float) (i >= gapFrom && i < gapTo ? 0.001 * r.nextGaussian() : v);
        }
        return x;
    }

    /** Pushes {@code x} in chunks of the given sizes (cycled), then flushes; all windows in order. */
    static List<WindowPrediction> streamFloats(EmotionStream s, float[] x, List<Integer> sizes) {
        List<WindowPrediction> out = new ArrayList<>();
        int pos = 0;
        for (int k = 0; pos < x.length; k++) {
            int n = Math.min(x.length - pos, Math.max(1, sizes.get(k % sizes.size())));
            out.addAll(s.push(x, pos, n));
            pos += n;
        }
        out.addAll(s.flush());
        return out;
    }

    static List<WindowPrediction> streamBytes(EmotionStream s, byte[] b, List<Integer> sizes) {
        List<WindowPrediction> out = new ArrayList<>();
        int pos = 0;
        for (int k = 0; pos < b.length; k++) {
            int n = Math.min(b.length - pos, Math.max(1, sizes.get(k % sizes.size())));
            byte[] chunk = Arrays.copyOfRange(b, pos, pos + n); // its own array, as from a socket
            out.addAll(s.push(chunk, 0, n));
            pos += n;
        }
        out.addAll(s.flush());
        return out;
    }

    static void assertSameWindows(Timeline expected, List<WindowPrediction> actual, String what) {
        assertEquals(expected.windows().size(), actual.size(), what + ": window count");
        for (int w = 0; w < actual.size(); w++) {
            WindowPrediction e = expected.windows().get(w);
            WindowPrediction a = actual.get(w);
            assertEquals(e.startSeconds(), a.startSeconds(), 0.0, what + ": start of window " + w);
            assertEquals(e.endSeconds(), a.endSeconds(), 0.0, what + ": end of window " + w);
            for (Emotion em : Emotion.values()) {
                assertEquals(e.prediction().probability(em), a.prediction().probability(em), 1e-6,
                        what + ": " + em + " of window " + w);
            }
        }
    }

    @Property(tries = 12)
    void streamedWindowsAreTheTimelinesAtAnyRateAndChunking(@ForAll("rate") int rate,
            @ForAll @IntRange(min = 1, max = 16_000) int millis,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 20_000) Integer> chunks, @ForAll long seed) {
        float[] x = speechLike((int) ((long) rate * millis / 1000), rate, seed);
        if (x.length == 0) {
            x = new float[] {0.1f};
        }
        Timeline t = classifier.classifyTimeline(new AudioClip(x, rate));
        try (EmotionStream s = classifier.openStream(rate)) {
            assertSameWindows(t, streamFloats(s, x, chunks), rate + " Hz, " + x.length + " samples, chunks " + chunks);
        }
    }

    @Test
    void edgeLengthsAroundOneWindowAndOneHop() {
        for (int n : new int[] {1, 100, WINDOW - 1, WINDOW, WINDOW + 1, WINDOW + HOP - 1, WINDOW + HOP, WINDOW + HOP + 1,
                WINDOW + 5 * HOP}) {
            float[] x = speechLike(n, 16_000, n);
            Timeline t = classifier.classifyTimeline(new AudioClip(x, 16_000));
            try (EmotionStream s = classifier.openStream(16_000)) {
                assertSameWindows(t, streamFloats(s, x, List.of(1_600)), n + " samples");
            }
        }
    }

    @Test
    void manyWindowsFromOneMinuteAt441kHz() {
        float[] x = speechLike(44_100 * 60, 44_100, 60);
        Timeline t = classifier.classifyTimeline(new AudioClip(x, 44_100));
        assertEquals(23, t.windows().size()); // 1 + ceil((960,000 - 80,080) / 40,040)
        try (EmotionStream s = classifier.openStream(44_100)) {
            assertSameWindows(t, streamFloats(s, x, List.of(4_410, 997, 13)), "60 s at 44.1 kHz");
        }
    }

    @Test
    void eachWindowComesWithTheChunkThatCompletesIt() {
        float[] x = speechLike(WINDOW + HOP + 10, 16_000, 3);
        try (EmotionStream s = classifier.openStream(16_000)) {
            assertEquals(List.of(), s.push(x, 0, WINDOW - 1));
            List<WindowPrediction> first = s.push(x, WINDOW - 1, 1);
            assertEquals(1, first.size());
            assertEquals(0.0, first.get(0).startSeconds());
            assertEquals(WINDOW / 16_000.0, first.get(0).endSeconds());
            assertEquals(List.of(), s.push(x, WINDOW, HOP - 1));
            assertEquals(1, s.push(x, WINDOW + HOP - 1, 11).size());
            List<WindowPrediction> last = s.flush();
            assertEquals(1, last.size()); // 10 samples beyond the second window: a third, padded
            assertEquals((x.length) / 16_000.0, last.get(0).endSeconds());
            assertTrue(s.isFlushed());
            assertEquals(List.of(), s.flush());
        }
    }

    @Test
    void shortSamplesAreSixteenBitPcm() {
        Random r = new Random(5);
        short[] pcm = new short[30_000];
        float[] x = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8_000 * Math.sin(i * 0.03) + r.nextInt(2_000) - 1_000);
            x[i] = pcm[i] / 32768f;
        }
        Timeline t = classifier.classifyTimeline(new AudioClip(x, 22_050));
        try (EmotionStream s = classifier.openStream(22_050)) {
            List<WindowPrediction> got = new ArrayList<>(s.push(pcm, 0, 12_345));
            got.addAll(s.push(pcm, 12_345, pcm.length - 12_345));
            got.addAll(s.flush());
            assertSameWindows(t, got, "short[]");
        }
    }

    /** The data chunk's bytes of a WAV written by the test WAV writer. */
    private static byte[] dataOf(byte[] wav) {
        for (int p = 12; p + 8 <= wav.length;) {
            String id = new String(wav, p, 4, StandardCharsets.US_ASCII);
            int size = (wav[p + 4] & 0xFF) | (wav[p + 5] & 0xFF) << 8 | (wav[p + 6] & 0xFF) << 16 | (wav[p + 7] & 0xFF) << 24;
            if (id.equals("data")) {
                return Arrays.copyOfRange(wav, p + 8, p + 8 + size);
            }
            p += 8 + size + (size & 1);
        }
        throw new AssertionError("no data chunk");
    }

    private static byte[] swapBytes(byte[] le, int bytesPerSample) {
        byte[] be = new byte[le.length];
        for (int p = 0; p < le.length; p += bytesPerSample) {
            for (int k = 0; k < bytesPerSample; k++) {
                be[p + k] = le[p + bytesPerSample - 1 - k];
            }
        }
        return be;
    }

    @Test
    void pcmBytesOfEveryLayoutGiveTheWavFilesTimeline() throws IOException {
        int rate = 48_000;
        float[] left = speechLike(rate * 8, rate, 11);
        float[] right = speechLike(rate * 8, rate, 12);
        for (int bits : new int[] {8, 16, 24}) {
            for (int channels = 1; channels <= 2; channels++) {
                float[][] data = channels == 1 ? new float[][] {left} : new float[][] {left, right};
                byte[] wav = WavWriter.encode(data, rate, WavFormat.Encoding.PCM, bits, false);
                Path file = Files.write(dir.resolve("s" + bits + "x" + channels + ".wav"), wav);
                Timeline t = classifier.classifyTimeline(file);
                byte[] le = dataOf(wav);
                List<Integer> odd = List.of(1, 4_801, 333, 7);
                String what = bits + "-bit x" + channels;
                AudioFormat leFormat = new AudioFormat(bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED,
                        rate, bits, channels, channels * bits / 8, rate, false);
                try (EmotionStream s = classifier.openStream(leFormat)) {
                    assertSameWindows(t, streamBytes(s, le, odd), what + " little-endian");
                }
                if (bits == 8) {
                    byte[] signed = le.clone();
                    for (int i = 0; i < signed.length; i++) {
                        signed[i] ^= (byte) 0x80;
                    }
                    try (EmotionStream s = classifier.openStream(new AudioFormat(rate, 8, channels, true, false))) {
                        assertSameWindows(t, streamBytes(s, signed, odd), what + " signed");
                    }
                } else {
                    try (EmotionStream s = classifier.openStream(new AudioFormat(rate, bits, channels, true, true))) {
                        assertSameWindows(t, streamBytes(s, swapBytes(le, bits / 8), odd), what + " big-endian");
                    }
                }
            }
        }
    }

    @Test
    void aModelTrainedOnTrimmedAudioTrimsEachStreamedWindowAsTheTimelineDoes() throws IOException {
        org.ser4j.core.model.ModelMetadata plain = TinyModels.metadata(org.ser4j.core.model.FeatureKind.LOG_MEL,
                new float[] {-40f}, new float[] {20f});
        org.ser4j.core.model.ModelMetadata trimmed = new org.ser4j.core.model.ModelMetadata(plain.featureKind(),
                plain.sampleRate(), plain.clipSamples(), plain.nFft(), plain.hopLength(), plain.nMels(), plain.topDb(), 30.0,
                plain.labels(), plain.mean(), plain.std(), plain.extra());
        Path model = TinyModels.write(dir, "trim.onnx", TinyModels.bytes(TinyModels.spec(trimmed, 23, 0.02f)));
        float[] x = new float[16_000 * 13];
        float[] sound = speechLike(x.length, 16_000, 4);
        for (int i = 0; i < x.length; i++) {
            // long silences, so that trimming changes the windows' features
            x[i] = (i / 16_000) % 4 == 0 ? sound[i] : 1e-5f * sound[i];
        }
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            Timeline t = c.classifyTimeline(new AudioClip(x, 16_000));
            try (EmotionStream s = c.openStream(16_000)) {
                assertSameWindows(t, streamFloats(s, x, List.of(1_234)), "trimmed model");
            }
        }
    }

    @Test
    void aWindowThatCannotBeClassifiedBreaksTheStream() throws IOException {
        // no Softmax, bias 1/6: the probe on zeros sees a probability vector, real features do not
        TinyModels.Spec base = TinyModels.timeSpec(5);
        float[] bias = new float[Emotion.COUNT];
        java.util.Arrays.fill(bias, 1f / Emotion.COUNT);
        TinyModels.Spec linear = new TinyModels.Spec(base.metadata(), base.weights(), bias);
        Path model = TinyModels.write(dir, "linear.onnx", TinyModels.bytes(linear, new TinyModels.Variant(
                linear.metadata().toProperties(), TinyModels.withBatch(-1, linear.metadata().inputShape()), false)));
        float[] x = speechLike(16_000 * 6, 16_000, 2);
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model); EmotionStream s = c.openStream(16_000)) {
            IncompatibleModelException first = assertThrows(IncompatibleModelException.class, () -> s.push(x, 0, x.length));
            IllegalStateException later = assertThrows(IllegalStateException.class, () -> s.push(x, 0, 100));
            assertTrue(later.getMessage().contains("broken"), later.getMessage());
            assertSame(first, later.getCause());
            assertSame(first, assertThrows(IllegalStateException.class, s::flush).getCause());
        }
    }

    @Test
    void pushesThatCompleteNoWindowAllocateNoWindow() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        float[] chunk = speechLike(4_800, 48_000, 8); // 100 ms
        try (EmotionStream s = classifier.openStream(48_000)) {
            s.push(chunk, 0, chunk.length); // first use allocates the conversion state
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 40; i++) { // 4 s: no window completes
                assertEquals(List.of(), s.push(chunk, 0, chunk.length));
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 4 * WINDOW, "40 pushes allocated " + allocated + " bytes");
        }
    }

    @Test
    void misuseIsRefusedClearly() {
        EmotionStream s = classifier.openStream(16_000);
        assertThrows(NullPointerException.class, () -> s.push((float[]) null, 0, 0));
        assertThrows(NullPointerException.class, () -> s.push((short[]) null, 0, 0));
        assertThrows(NullPointerException.class, () -> s.push((byte[]) null, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> s.push(new float[4], -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> s.push(new short[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> s.push(new float[4], 0, -1));
        IllegalStateException noFormat = assertThrows(IllegalStateException.class, () -> s.push(new byte[4], 0, 4));
        assertTrue(noFormat.getMessage().contains("AudioFormat"), noFormat.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> s.push(new float[] {0f, Float.NaN}, 0, 2));
        assertTrue(nan.getMessage().contains("sample 1") && nan.getMessage().contains("NaN"), nan.getMessage());
        assertEquals(1, s.flush().size()); // the one finite sample
        IllegalStateException flushed = assertThrows(IllegalStateException.class, () -> s.push(new float[1], 0, 1));
        assertTrue(flushed.getMessage().contains("flushed"), flushed.getMessage());
        s.close();
        s.close();
        assertThrows(IllegalStateException.class, () -> s.push(new float[1], 0, 1));
        assertThrows(IllegalStateException.class, s::flush);

        assertThrows(IllegalArgumentException.class, () -> classifier.openStream(999));
        assertThrows(IllegalArgumentException.class, () -> classifier.openStream(384_001));
        assertThrows(NullPointerException.class, () -> classifier.openStream((AudioFormat) null));
        assertThrows(IllegalArgumentException.class, () -> classifier.openStream(new AudioFormat(16_000.5f, 16, 1, true, false)));
        assertThrows(IllegalArgumentException.class, () -> classifier.openStream(
                new AudioFormat(AudioFormat.Encoding.ULAW, 8_000f, 8, 1, 1, 8_000f, false)));
        assertThrows(IllegalArgumentException.class, () -> classifier.openStream(new AudioFormat(16_000f, 16, 65, true, false)));

        try (EmotionStream bytes = classifier.openStream(new AudioFormat(16_000f, 16, 1, true, false))) {
            bytes.push(new byte[3], 0, 3); // a frame and a half
            IllegalStateException partial = assertThrows(IllegalStateException.class, () -> bytes.push(new float[1], 0, 1));
            assertTrue(partial.getMessage().contains("partial frame"), partial.getMessage());
            assertEquals(List.of(), bytes.push(new byte[1], 0, 1));
            bytes.push(new float[1], 0, 1); // whole frames again
            IllegalArgumentException floatNaN = assertThrows(IllegalArgumentException.class, () -> {
                try (EmotionStream f = classifier.openStream(new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 16_000f, 32, 1, 4,
                        16_000f, false))) {
                    f.push(new byte[] {0, 0, (byte) 0xC0, 0x7F}, 0, 4);
                }
            });
            assertTrue(floatNaN.getMessage().contains("frame 0"), floatNaN.getMessage());
        }
    }

    @Test
    void closingTheClassifierStopsItsStreamsButClosingAStreamDoesNotCloseTheClassifier() throws IOException {
        try (WindowedEmotionClassifier own = EmotionClassifiers.bundled("time", ClassifierOptions.defaults())) {
            EmotionStream a = own.openStream(16_000);
            a.push(new float[100], 0, 100);
            a.close();
            try (EmotionStream b = own.openStream(16_000)) {
                assertEquals(1, streamFloats(b, speechLike(1_000, 16_000, 1), List.of(100)).size());
            }
            EmotionStream c = own.openStream(16_000);
            own.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.push(new float[10], 0, 10));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, c::flush);
            assertThrows(IllegalStateException.class, () -> own.openStream(16_000));
        }
    }

    @Test
    void anEmptyStreamHasNoWindow() {
        try (EmotionStream s = classifier.openStream(8_000)) {
            assertEquals(List.of(), s.push(new float[0], 0, 0));
            assertEquals(List.of(), s.flush());
        }
    }

    @Provide
    Arbitrary<Integer> rate() {
        return Arbitraries.of(16_000, 22_050, 44_100, 48_000, 8_000);
    }
}
