package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written by other tools (scipy.io.wavfile and hand-packed bytes, see
 * {@code src/test/resources/wav/make_fixtures.py}) decode to exactly what soundfile + librosa
 * (float32 scaling, float32 channel mean) give.
 */
class ForeignWavFilesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "scipy_u8_stereo_11025, PCM, 8, 2, 11025",
        "scipy_i16_mono_16000, PCM, 16, 1, 16000",
        "scipy_i32_3ch_48000, PCM, 32, 3, 48000",
        "scipy_f32_stereo_44100, IEEE_FLOAT, 32, 2, 44100",
        "scipy_f64_mono_22050, IEEE_FLOAT, 64, 1, 22050",
        "ext_i24_stereo_96000, PCM, 24, 2, 96000",
        "ext_f32_mono_8000, IEEE_FLOAT, 32, 1, 8000"})
    void decodesLikeSoundfileAndLibrosa(String name, WavFormat.Encoding encoding, int bits, int channels, int rate)
            throws IOException, URISyntaxException {
        Path wav = Path.of(getClass().getResource("/wav/" + name + ".wav").toURI());
        assertEquals(new WavFormat(encoding, bits, channels, rate, 64), WavDecoder.readFormat(wav));
        AudioClip clip = WavDecoder.read(wav);
        assertEquals(rate, clip.sampleRate());
        assertArrayEquals(expected(name), clip.samples(), 0f);
    }

    private float[] expected(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/wav/" + name + ".expected.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
            float[] x = new float[lines.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = Float.parseFloat(lines.get(i));
            }
            return x;
        }
    }
}
