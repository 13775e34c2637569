package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@code benchmark train}: one JSON line per model and batch, with a per-layer table when asked. */
class BenchmarkTrainCommandTest {
    @Test
    void perLayerTimesNameEveryLayerOfTheTimeModel() throws IOException {
        CliRun r = CliRun.ser4j("benchmark", "train", "--model", "time", "--batch", "8", "--seconds", "0.2", "--threads", "1",
                "--per-layer");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        JsonNode o = new ObjectMapper().readTree(r.outLines().get(0));
        assertEquals("time", o.get("model").asText());
        assertTrue(o.get("samplesPerSecond").asDouble() > 0, o.toString());
        JsonNode layers = o.get("layers");
        // the notebook's 1D CNN: conv + pool, three convs, pool, flatten, three dense layers; then reduction and Adam
        assertTrue(layers.get(0).get("layer").asText().startsWith("conv1d 16 k3 valid + relu + maxpool 2 [1x1x314"), layers.toString());
        assertEquals("gradient reduction + L2 (wall)", layers.get(layers.size() - 2).get("layer").asText());
        assertEquals("Adam update (wall)", layers.get(layers.size() - 1).get("layer").asText());
        double total = 0;
        int dense = 0;
        for (int i = 0; i < layers.size() - 2; i++) {
            JsonNode l = layers.get(i);
            total += l.get("forwardMsPerStep").asDouble() + l.get("backwardMsPerStep").asDouble();
            if (l.get("layer").asText().startsWith("dense") || l.get("layer").asText().startsWith("conv")) {
                assertTrue(l.get("forwardGflops").asDouble() > 0, l.toString());
                dense += l.get("layer").asText().startsWith("dense") ? 1 : 0;
            } else {
                assertFalse(l.has("forwardGflops"), l.toString());
            }
        }
        assertEquals(3, dense, layers.toString());
        assertTrue(total > 0, layers.toString());
    }

    @Test
    void withoutTheFlagThereIsNoLayerTable() throws IOException {
        CliRun r = CliRun.ser4j("benchmark", "train", "--model", "time", "--batch", "4", "--seconds", "0.1", "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(new ObjectMapper().readTree(r.outLines().get(0)).has("layers"));
    }
}
