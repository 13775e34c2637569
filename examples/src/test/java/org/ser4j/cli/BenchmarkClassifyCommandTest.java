package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code benchmark classify}: one JSON line with positive figures; bad files reported. */
class BenchmarkClassifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsOneJsonLineWithLatencyAndThroughput() throws IOException {
        Path model = TinyOnnxModel.writeTimeDomain(dir.resolve("tiny.onnx"), 3);
        Path a = TinyOnnxModel.writeWav(dir.resolve("a.wav"), 50_000, 16_000, 1, 1);
        Path b = TinyOnnxModel.writeWav(dir.resolve("b.wav"), 90_000, 16_000, 1, 2);
        CliRun r = CliRun.of(new CommandLine(new BenchmarkClassifyCommand()), "--model", model.toString(),
                "--warmup", "1", "--runs", "5", "--throughput-clips", "6", a.toString(), b.toString(),
                dir.resolve("missing.wav").toString());
        assertEquals(1, r.exitCode(), "a missing file makes the run fail: " + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("missing.wav"));
        assertEquals(1, r.outLines().size(), r.out());
        JsonNode o = new ObjectMapper().readTree(r.outLines().get(0));
        assertTrue(o.get("latencyMsPerClip").asDouble() > 0, r.out());
        assertTrue(o.get("clipsPerSecond").asDouble() > 0, r.out());
        assertEquals(2, o.get("files").asInt());
        assertEquals(6, o.get("throughputClips").asInt());
    }

    @Test
    void throughputOptionsReachTheRunAndThePrintedLine() throws IOException {
        Path model = TinyOnnxModel.writeTimeDomain(dir.resolve("tiny.onnx"), 3);
        Path a = TinyOnnxModel.writeWav(dir.resolve("a.wav"), 50_000, 16_000, 1, 1);
        CliRun r = CliRun.of(new CommandLine(new BenchmarkClassifyCommand()), "--model", model.toString(),
                "--warmup", "0", "--runs", "2", "--throughput-clips", "3", "--parallelism", "3",
                "--inference-threads", "1", "--batch", "2", a.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.outLines().get(0));
        assertEquals(3, o.get("parallelism").asInt());
        assertEquals(1, o.get("inferenceThreads").asInt());
        assertEquals(2, o.get("batch").asInt());
        assertTrue(o.get("clipsPerSecond").asDouble() > 0, r.out());
    }

    @Test
    void badThroughputOptionsAreUsageErrorsNamingTheValue() {
        Path model = dir.resolve("never-opened.onnx");
        CliRun r = CliRun.of(new CommandLine(new BenchmarkClassifyCommand()), "--model", model.toString(),
                "--parallelism", "0", dir.resolve("a.wav").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("parallelism must be at least 1, got 0"), r.err());
    }

    @Test
    void commandsAreRegisteredInTheSer4jTool() {
        CommandLine cli = Ser4jCli.newCommandLine();
        assertTrue(cli.getSubcommands().containsKey("classify"));
        assertTrue(cli.getSubcommands().containsKey("classify-dir"));
        assertTrue(cli.getSubcommands().get("benchmark").getSubcommands().containsKey("classify"));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, BenchmarkClassifyCommand.median(new double[] {3, 1, 2}));
        assertEquals(2.5, BenchmarkClassifyCommand.median(new double[] {4, 1, 3, 2}));
    }
}
