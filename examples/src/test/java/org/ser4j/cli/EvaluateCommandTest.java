package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void missingModelIsAClearError() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("x.wav"), "x");
        Path model = tmp.resolve("model.onnx");
        CliRun r = CliRun.of(new EvaluateCommand(), "--model", model.toString(), "--data", data.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("model file " + model + " does not exist"), r.err());
    }

    @Test
    void unreadableModelIsAClearError() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("x.wav"), "x");
        Path model = Files.writeString(tmp.resolve("model.onnx"), "garbage");
        EvaluateCommand cmd = new EvaluateCommand();
        cmd.loader = f -> {
            throw new IOException(f + ": not an ONNX model");
        };
        CliRun r = CliRun.of(cmd, "--model", model.toString(), "--data", data.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("cannot load model " + model), r.err());
    }

    @Test
    void aBundledModelIsEvaluatedByName() throws IOException {
        Path data = tmp.resolve("data");
        TestWavs.write(Files.createDirectories(data.resolve("angry")).resolve("a.wav"), TestWavs.tone(32_000, 16_000, 300, 0.5, 1), 16_000);
        TestWavs.write(Files.createDirectories(data.resolve("neutral")).resolve("n.wav"), TestWavs.tone(24_000, 16_000, 200, 0.1, 2), 16_000);
        Path out = tmp.resolve("o");
        CliRun r = CliRun.of(new EvaluateCommand(), "--model", "time", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("report.json").toFile());
        assertEquals("bundled time", report.get("model").asText());
        assertEquals(2, report.get("metrics").get("evaluation").get("clips").asInt());
    }

    @Test
    void emptyDataDirectoryIsAClearError() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path model = Files.writeString(tmp.resolve("model.onnx"), "garbage");
        CliRun r = CliRun.of(new EvaluateCommand(), "--model", model.toString(), "--data", data.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("data directory " + data + " is empty"), r.err());
    }
}
