package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Decodes every clip of the shared corpora (opt-in: {@code -Dser4j.excludedGroups=none}). */
@Tag("data")
class SharedDatasetsDecodingTest {
    private static final Path ROOT = Path.of(System.getProperty("ser4j.datasets", "../../shared/datasets"));

    private static List<Path> wavs(String corpus) throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve(corpus))) {
            return s.filter(p -> p.toString().endsWith(".wav")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void ravdessIs16kMono16Bit() throws IOException {
        List<Path> files = wavs("ravdess-speech-16k");
        assertEquals(792, files.size());
        for (Path p : files) {
            WavFormat f = WavDecoder.readFormat(p);
            assertEquals(new WavFormat(WavFormat.Encoding.PCM, 16, 1, 16000, f.frames()), f, p.toString());
            AudioClip c = WavDecoder.read(p);
            assertEquals(f.frames(), c.length());
            assertTrue(peak(c) > 0.001 && peak(c) <= 1, p.toString());
        }
    }

    @Test
    void emodbIs16kMonoAtFullLength() throws IOException {
        List<Path> files = wavs("emodb-16k");
        assertEquals(350, files.size());
        for (Path p : files) {
            WavFormat f = WavDecoder.readFormat(p);
            assertEquals(new WavFormat(WavFormat.Encoding.PCM, 16, 1, 16000, f.frames()), f, p.toString());
            // the original recordings, 1.2 to 9 s (the earlier copy was cut to 2.0 s)
            assertTrue(f.frames() >= 16000 && f.frames() <= 16000 * 10, p + ": " + f.frames() + " frames");
            AudioClip c = WavDecoder.read(p);
            assertTrue(peak(c) > 0.001 && peak(c) <= 1, p.toString());
        }
    }

    @Test
    void tessIs24414HzAndResamplesTo16k() throws IOException {
        List<Path> files = wavs("tess-oaf-24k");
        assertEquals(840, files.size());
        for (Path p : files) {
            AudioClip c = WavDecoder.read(p);
            assertEquals(24414, c.sampleRate(), p.toString());
            AudioClip r = Resampler.resample(c, 16000);
            assertEquals(Math.round(c.length() * 16000.0 / 24414), r.length(), 1.0, p.toString());
            assertTrue(Math.abs(rms(r) / rms(c) - 1) < 0.05, p + ": level changed by resampling");
        }
    }

    private static double peak(AudioClip c) {
        double m = 0;
        for (float v : c.samples()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double rms(AudioClip c) {
        double s = 0;
        for (float v : c.samples()) {
            s += v * (double) v;
        }
        return Math.sqrt(s / c.length());
    }
}
