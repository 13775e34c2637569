package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.Resampler;
import org.ser4j.core.audio.WavDecoder;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.features.TimeDomainFeatures;

/**
 * The public {@code fromOnnx} path with ser-core's decoder and resampler and ser-features'
 * extractors: the classifier's output equals the same steps done by hand.
 */
class RealPipelineTest {
    @TempDir
    Path dir;

    private float[] byHand(TinyModels.Spec spec, FeatureExtractor extractor, Path wav, int window) throws IOException {
        AudioClip clip = Resampler.resample(WavDecoder.read(wav), 16000);
        float[] samples = Arrays.copyOfRange(clip.samples(), window * 40_040, Math.min(clip.length(), window * 40_040 + 80_080));
        return spec.reference(spec.standardise(extractor.extract(samples)));
    }

    @Test
    void timeDomainModelOnAStereo44kFile() throws IOException {
        TinyModels.Spec spec = TinyModels.spec(TinyModels.metadata(org.ser4j.core.model.FeatureKind.TIME_DOMAIN,
                new float[] {0.05f}, new float[] {0.04f}), 21, 0.3f);
        Path model = TinyModels.write(dir, "time.onnx", TinyModels.bytes(spec));
        float[] mono = JavaSoundSource.signal(44_100 * 7, 3);
        Path wav = writeStereo(dir.resolve("stereo.wav"), mono, 44_100);
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            Timeline t = c.classifyTimeline(wav);
            assertEquals(2, t.windows().size()); // 7 s = 112,000 samples at 16 kHz
            FeatureExtractor x = new TimeDomainFeatures(FeatureConfig.DEFAULT);
            for (int w = 0; w < 2; w++) {
                assertArrayEquals(byHand(spec, x, wav, w), t.windows().get(w).prediction().probabilities(), 2e-5f);
            }
        }
    }

    @Test
    void aModelTrainedOnTrimmedAudioIsServedTrimmedAudio() throws IOException {
        org.ser4j.core.model.ModelMetadata plain = TinyModels.metadata(org.ser4j.core.model.FeatureKind.LOG_MEL,
                new float[] {-40f}, new float[] {20f});
        org.ser4j.core.model.ModelMetadata trimmedMd = new org.ser4j.core.model.ModelMetadata(plain.featureKind(),
                plain.sampleRate(), plain.clipSamples(), plain.nFft(), plain.hopLength(), plain.nMels(), plain.topDb(), 60.0,
                plain.labels(), plain.mean(), plain.std(), plain.extra());
        TinyModels.Spec spec = TinyModels.spec(trimmedMd, 23, 0.02f);
        Path model = TinyModels.write(dir, "trim.onnx", TinyModels.bytes(spec));
        float[] sound = JavaSoundSource.signal(40_000, 9);
        float[] late = new float[24_000 + sound.length];
        System.arraycopy(sound, 0, late, 24_000, sound.length); // 1.5 s of silence first
        Path wav = JavaSoundSource.write(dir.resolve("late.wav"), late, 16_000);
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            assertEquals(60.0, c.metadata().get(0).trimTopDb());
            float[] got = c.classify(wav).probabilities();
            FeatureExtractor trimming = new LogMelSpectrogram(FeatureConfig.DEFAULT.withSilenceTrim(60));
            assertArrayEquals(byHand(spec, trimming, wav, 0), got, 2e-5f);
            float[] untrimmed = byHand(spec, new LogMelSpectrogram(FeatureConfig.DEFAULT), wav, 0);
            org.junit.jupiter.api.Assertions.assertFalse(Arrays.equals(untrimmed, got), "the metadata's trimming was ignored");
        }
    }

    @Test
    void aModelTrainedOnNormalisedFeaturesIsServedNormalisedFeatures() throws IOException {
        org.ser4j.core.model.ModelMetadata plain = TinyModels.metadata(org.ser4j.core.model.FeatureKind.LOG_MEL,
                new float[] {0f}, new float[] {1f});
        org.ser4j.core.model.ModelMetadata cmvnMd = new org.ser4j.core.model.ModelMetadata(plain.featureKind(),
                plain.sampleRate(), plain.clipSamples(), plain.nFft(), plain.hopLength(), plain.nMels(), plain.topDb(), 0.0,
                org.ser4j.core.model.UtteranceNormalization.CMVN, plain.labels(), plain.mean(), plain.std(), plain.extra());
        TinyModels.Spec spec = TinyModels.spec(cmvnMd, 24, 0.3f);
        Path model = TinyModels.write(dir, "cmvn.onnx", TinyModels.bytes(spec));
        Path wav = JavaSoundSource.write(dir.resolve("short.wav"), JavaSoundSource.signal(30_000, 5), 16_000);
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            assertEquals(org.ser4j.core.model.UtteranceNormalization.CMVN, c.metadata().get(0).utteranceNormalization());
            float[] got = c.classify(wav).probabilities();
            FeatureExtractor normalising = new LogMelSpectrogram(
                    FeatureConfig.DEFAULT.withUtteranceNormalization(org.ser4j.core.model.UtteranceNormalization.CMVN));
            assertArrayEquals(byHand(spec, normalising, wav, 0), got, 2e-5f);
            float[] unnormalised = byHand(spec, new LogMelSpectrogram(FeatureConfig.DEFAULT), wav, 0);
            org.junit.jupiter.api.Assertions.assertFalse(Arrays.equals(unnormalised, got), "the metadata's normalisation was ignored");
        }
    }

    @Test
    void logMelModelOnA16kMonoFile() throws IOException {
        TinyModels.Spec spec = TinyModels.spec(TinyModels.metadata(org.ser4j.core.model.FeatureKind.LOG_MEL,
                new float[] {-40f}, new float[] {20f}), 22, 0.02f);
        Path model = TinyModels.write(dir, "mel.onnx", TinyModels.bytes(spec));
        Path wav = JavaSoundSource.write(dir.resolve("mono.wav"), JavaSoundSource.signal(50_000, 8), 16_000);
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            float[] got = c.classify(wav).probabilities();
            assertArrayEquals(byHand(spec, new LogMelSpectrogram(FeatureConfig.DEFAULT), wav, 0), got, 2e-5f);
        }
    }

    @Test
    void aModelWithAShortWindowGetsHalfItsWindowAsDefaultHop() throws IOException {
        // 2 s windows (32,000 samples): the default hop of 40,040 would skip audio between windows
        org.ser4j.core.model.ModelMetadata md = new org.ser4j.core.model.ModelMetadata(
                org.ser4j.core.model.FeatureKind.TIME_DOMAIN, 16000, 32_000, 2048, 512, 128, 80.0, 0.0,
                org.ser4j.core.model.ModelMetadata.emotionLabels(), new float[] {0.05f}, new float[] {0.04f},
                java.util.Map.of("note", "short-window test model"));
        Path model = TinyModels.write(dir, "short.onnx", TinyModels.bytes(TinyModels.spec(md, 5, 0.3f)));
        Path wav = JavaSoundSource.write(dir.resolve("five-seconds.wav"), JavaSoundSource.signal(80_000, 4), 16_000);
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            assertEquals(16_000, ((OnnxEmotionClassifier) c).options().hopSamples());
            assertEquals(4, c.classifyTimeline(wav).windows().size()); // starts 0, 1, 2, 3 s; the last reaches 5 s
        }
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model,
                ClassifierOptions.defaults().withHopSamples(32_000))) {
            assertEquals(32_000, ((OnnxEmotionClassifier) c).options().hopSamples(), "explicit options are kept");
        }
    }

    private static Path writeStereo(Path path, float[] mono, int rate) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(mono.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : mono) {
            short s = (short) Math.round(v * 32767);
            b.putShort(s).putShort((short) (s / 2));
        }
        javax.sound.sampled.AudioFormat f = new javax.sound.sampled.AudioFormat(rate, 16, 2, true, false);
        try (javax.sound.sampled.AudioInputStream in = new javax.sound.sampled.AudioInputStream(
                new java.io.ByteArrayInputStream(b.array()), f, mono.length)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, path.toFile());
        }
        return path;
    }
}
