package org.ser4j.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;

/**
 * A tiny synthetic corpus for pipeline tests: folder-per-label 16-bit WAV files holding a sine
 * tone whose frequency depends on the emotion, and a cheap extractor that measures the energy at
 * each emotion's frequency, so that a softmax regression separates the classes.
 */
final class ToneCorpus {
    static final int RATE = 16000;

    private ToneCorpus() {
    }

    static double frequency(Emotion e) {
        return 300 + 250 * e.ordinal();
    }

    /** Writes {@code perClass} clips of each emotion into {@code dir/<label>/}. */
    static void write(Path dir, int perClass, long seed, Emotion... emotions) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        for (Emotion e : emotions) {
            Path folder = Files.createDirectories(dir.resolve(e.label()));
            for (int i = 0; i < perClass; i++) {
                float[] s = new float[RATE / 5];
                double phase = r.nextDouble(0, 2 * Math.PI);
                double amp = r.nextDouble(0.2, 0.8);
                for (int k = 0; k < s.length; k++) {
                    s[k] = (float) (amp * Math.sin(phase + 2 * Math.PI * frequency(e) * k / RATE) + 0.05 * r.nextGaussian());
                }
                writeWav(folder.resolve(e.label() + "_" + i + ".wav"), s);
            }
        }
    }

    /** Minimal mono 16-bit PCM WAV writer. */
    static void writeWav(Path file, float[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(2 * RATE)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * samples.length);
        for (float v : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        Files.write(file, b.array());
    }

    /** Energy at each emotion's tone frequency (Goertzel), log-scaled; counts its calls. */
    static final class ToneExtractor implements FeatureExtractor {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public FeatureKind kind() {
            return FeatureKind.TIME_DOMAIN;
        }

        @Override
        public FeatureConfig config() {
            return FeatureConfig.DEFAULT;
        }

        @Override
        public int featureLength() {
            return Emotion.COUNT;
        }

        @Override
        public float[] extract(float[] samples) {
            calls.incrementAndGet();
            float[] f = new float[Emotion.COUNT];
            for (Emotion e : Emotion.values()) {
                double w = 2 * Math.PI * frequency(e) / RATE;
                double c = 2 * Math.cos(w);
                double s1 = 0;
                double s2 = 0;
                for (float x : samples) {
                    double s0 = x + c * s1 - s2;
                    s2 = s1;
                    s1 = s0;
                }
                double power = s1 * s1 + s2 * s2 - c * s1 * s2;
                f[e.ordinal()] = (float) Math.log1p(power / samples.length);
            }
            return f;
        }

        @Override
        public float[] extract(AudioClip clip) {
            return extract(clip.samples());
        }
    }
}
