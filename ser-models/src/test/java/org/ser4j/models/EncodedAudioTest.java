package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.audio.AudioFormatException;

/** {@link WindowedEmotionClassifier#classifyEachEncoded}: bytes in memory classify exactly as the same bytes on disk. */
class EncodedAudioTest {
    @TempDir
    static Path dir;

    static Path model;
    static final List<Path> wavs = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        model = TinyModels.write(dir, "time.onnx", TinyModels.bytes(TinyModels.timeSpec(3)));
        for (int i = 0; i < 7; i++) {
            // Lengths from under one window to several windows, so batches mix short and long clips.
            wavs.add(JavaSoundSource.write(dir.resolve("e" + i + ".wav"), JavaSoundSource.signal(5_000 + 30_000 * i, 70 + i), 16000));
        }
    }

    static OnnxEmotionClassifier open() throws IOException {
        ClassifierOptions options = ClassifierOptions.defaults().withParallelism(2).withBatchSize(3);
        return EmotionClassifiers.fromOnnx(model, options, AudioSource.WAV, SegmentMeanExtractor.FACTORY);
    }

    static List<EncodedAudio> encoded(List<Path> files) throws IOException {
        List<EncodedAudio> out = new ArrayList<>();
        for (Path p : files) {
            out.add(new EncodedAudio(p, Files.readAllBytes(p)));
        }
        return out;
    }

    @Test
    void bytesInMemoryGiveTheSameResultsAsTheFilesAndGarbageFailsAlone() throws IOException {
        List<EncodedAudio> clips = encoded(wavs);
        Path garbageName = Path.of("remote", "garbage.wav");
        clips.add(2, new EncodedAudio(garbageName, "not audio at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        byte[] whole = clips.get(4).content();
        Path truncatedName = Path.of("remote", "truncated.wav");
        clips.add(5, new EncodedAudio(truncatedName, Arrays.copyOf(whole, 30)));
        try (WindowedEmotionClassifier c = open()) {
            List<ClassificationResult> files = c.classifyAll(wavs);
            for (List<ClassificationResult> got : List.of(c.classifyAllEncoded(clips), collectDirect(c, clips))) {
                assertEquals(clips.size(), got.size());
                int file = 0;
                for (int i = 0; i < clips.size(); i++) {
                    ClassificationResult r = got.get(i);
                    assertSame(clips.get(i).name(), r.path());
                    if (i == 2 || i == 5) {
                        assertInstanceOf(AudioFormatException.class, r.exception().orElseThrow(), r.toString());
                        assertTrue(r.error().orElseThrow().startsWith(clips.get(i).name() + ": "), r.error().orElseThrow());
                    } else {
                        assertEquals(files.get(file).timeline(), r.timeline(), "clip " + i);
                        file++;
                    }
                }
            }
        }
    }

    private static List<ClassificationResult> collectDirect(WindowedEmotionClassifier c, List<EncodedAudio> clips) {
        List<ClassificationResult> out = new ArrayList<>();
        c.classifyEachEncoded(clips, Runnable::run, out::add);
        return out;
    }

    @Test
    void nullsAreRefusedWithTheirIndexAndAClosedClassifierRefusesWork() throws IOException {
        assertThrows(NullPointerException.class, () -> new EncodedAudio(null, new byte[0]));
        assertThrows(NullPointerException.class, () -> new EncodedAudio(Path.of("a.wav"), null));
        WindowedEmotionClassifier c = open();
        List<EncodedAudio> withNull = new ArrayList<>(encoded(wavs.subList(0, 2)));
        withNull.add(null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> c.classifyAllEncoded(withNull));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        c.close();
        List<EncodedAudio> one = encoded(wavs.subList(0, 1));
        assertThrows(IllegalStateException.class, () -> c.classifyAllEncoded(one));
        assertThrows(IllegalStateException.class, () -> c.classifyEachEncoded(one, Runnable::run, r -> { }));
    }
}
