package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code explore} on the real RAVDESS, EmoDB and TESS copies from ../shared/datasets (opt-in, slow). */
@Tag("data")
class ExploreDataTest {
    @Test
    void exploresRavdessEmodbAndTessTogether(@TempDir Path out) throws IOException {
        Path root = Path.of(System.getProperty("ser4j.datasets", "../../shared/datasets"));
        CommandLine cli = Ser4jCli.newCommandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code = cli.execute("explore", "--data", root.resolve("ravdess-speech-16k").toString(),
                "--data", root.resolve("emodb-16k").toString(), "--data", root.resolve("tess-oaf-24k").toString(), "--out", out.toString());
        assertEquals(0, code, err.toString());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1982, s.at("/files/decoded").asInt());
        assertEquals(0, s.at("/files/unreadable").asInt());
        assertEquals(792 + 350, s.at("/formats/sampleRate/16000").asInt());
        assertEquals(840, s.at("/formats/sampleRate/24414").asInt());
        assertEquals(27, s.at("/counts/speaker").size());
        assertEquals(80080, s.at("/padding/fixedSamples").asInt());
        for (String png : List.of("waveforms.png", "mean-log-mel.png", "durations.png")) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png);
        }
    }
}
