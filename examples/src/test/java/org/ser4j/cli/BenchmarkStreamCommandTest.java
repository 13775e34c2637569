package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code benchmark stream}: one JSON line with the window latencies and the realtime factor. */
class BenchmarkStreamCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsOneJsonLineWithLatencyPercentilesAndRealtimeFactor() throws IOException {
        Path clip = dir.resolve("ten.wav");
        TestWavs.write(clip, StreamCommandTest.recording(22_050 * 10, 22_050, 4), 22_050);
        CliRun r = CliRun.ser4j("benchmark", "stream", "--warmup", "0", "--runs", "1", clip.toString(),
                dir.resolve("missing.wav").toString());
        assertEquals(1, r.exitCode(), r.err()); // the missing file is reported, the other measured
        assertTrue(r.err().contains("missing.wav: no such file"), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        JsonNode o = new ObjectMapper().readTree(r.outLines().get(0));
        assertEquals("stream", o.get("benchmark").asText());
        assertEquals(1, o.get("files").asInt());
        assertEquals(10.0, o.get("audioSeconds").asDouble(), 1e-9);
        // 10 s = 160,000 samples at 16 kHz: the windows at 0 and 2.5 s complete during the pushes, the one at 5 s
        // (padded) at the flush, which is no latency
        assertEquals(2, o.get("windows").asInt());
        JsonNode lat = o.get("latencyMs");
        assertTrue(lat.get("p10").asDouble() > 0 && lat.get("p10").asDouble() <= lat.get("median").asDouble()
                && lat.get("median").asDouble() <= lat.get("p90").asDouble(), lat.toString());
        assertTrue(o.get("realtimeFactor").asDouble() > 0, o.toString());
    }
}
