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
        assertEquals(2, r.exit());
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
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cannot load model " + model), r.err());
    }

    @Test
    void emptyDataDirectoryIsAClearError() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path model = Files.writeString(tmp.resolve("model.onnx"), "garbage");
        CliRun r = CliRun.of(new EvaluateCommand(), "--model", model.toString(), "--data", data.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("data directory " + data + " is empty"), r.err());
    }
}
