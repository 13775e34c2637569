package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code benchmark soak}: JSON samples of memory every N classifications and a growth summary. */
class BenchmarkSoakCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsASampleEveryNClassificationsAndTheGrowth() throws IOException {
        Path model = TinyOnnxModel.writeTimeDomain(dir.resolve("tiny.onnx"), 3);
        Path a = TinyOnnxModel.writeWav(dir.resolve("a.wav"), 30_000, 16_000, 1, 1);
        Path b = TinyOnnxModel.writeWav(dir.resolve("b.wav"), 20_000, 22_050, 2, 2);
        CliRun r = CliRun.of(new CommandLine(new BenchmarkSoakCommand()), "--model", model.toString(),
                "--classifications", "45", "--every", "20", a.toString(), b.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.outLines();
        assertEquals(4, lines.size(), r.out()); // after 20, 40, 45, then the summary
        ObjectMapper json = new ObjectMapper();
        long[] expected = {20, 40, 45};
        for (int i = 0; i < 3; i++) {
            JsonNode s = json.readTree(lines.get(i));
            assertEquals(expected[i], s.get("classifications").asLong());
            assertTrue(s.get("heapLiveMiB").asDouble() > 0, lines.get(i));
            assertTrue(s.has("directMiB"), lines.get(i));
            if (Files.exists(Path.of("/proc/self/status"))) {
                assertTrue(s.get("rssMiB").asDouble() > s.get("heapLiveMiB").asDouble(), lines.get(i));
            }
        }
        JsonNode summary = json.readTree(lines.get(3));
        assertEquals("done", summary.get("soak").asText());
        assertEquals(45, summary.get("classifications").asLong());
        assertEquals(0, summary.get("failed").asLong());
        assertEquals(20, summary.get("fromClassification").asLong());
        assertTrue(summary.has("rssGrowthMiB") && summary.has("heapLiveGrowthMiB"), lines.get(3));
    }

    @Test
    void badArgumentsAreUsageErrors() throws IOException {
        Path a = TinyOnnxModel.writeWav(dir.resolve("a.wav"), 30_000, 16_000, 1, 1);
        assertEquals(2, CliRun.of(new CommandLine(new BenchmarkSoakCommand()), "--classifications", "5", "--every", "6",
                a.toString()).exitCode());
        assertEquals(2, CliRun.of(new CommandLine(new BenchmarkSoakCommand()), dir.resolve("none.wav").toString()).exitCode());
    }
}
