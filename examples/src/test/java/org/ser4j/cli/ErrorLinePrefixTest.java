package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command's error lines start with the command's full name, so a log line says who wrote it. */
class ErrorLinePrefixTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> failingRuns() throws IOException {
        Path missing = tmp.resolve("missing.wav");
        Path notWav = Files.writeString(tmp.resolve("text.wav"), "not a RIFF file at all");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("x.wav"), "x");
        return Stream.of(
                Arguments.of("ser4j extract-features: ", List.of("extract-features", "--out", tmp.resolve("f").toString(), missing.toString(), notWav.toString())),
                Arguments.of("ser4j benchmark features: ", List.of("benchmark", "features", missing.toString(), notWav.toString())),
                Arguments.of("ser4j classify: ", List.of("classify", missing.toString(), notWav.toString())),
                Arguments.of("ser4j classify: ", List.of("classify", "--model", tmp.resolve("nope.onnx").toString(), missing.toString())),
                Arguments.of("ser4j classify-dir: ", List.of("classify-dir", "--out", tmp.resolve("c.csv").toString(), missing.toString())),
                Arguments.of("ser4j benchmark classify: ", List.of("benchmark", "classify", missing.toString())),
                Arguments.of("ser4j evaluate: ", List.of("evaluate", "--model", tmp.resolve("nope.onnx").toString(), "--data", data.toString(), "--out", tmp.resolve("e").toString())),
                Arguments.of("ser4j explore: ", List.of("explore", "--data", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("x").toString())),
                Arguments.of("ser4j train: ", List.of("train", "--model", "lstm", "--data", data.toString(), "--out", tmp.resolve("t").toString())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingRuns")
    void errorLinesNameTheCommand(String prefix, List<String> args) {
        CliRun r = CliRun.ser4j(args.toArray(String[]::new));
        assertNotEquals(0, r.exitCode(), r.err());
        List<String> lines = r.errLines();
        assertFalse(lines.isEmpty(), "an error is reported");
        for (String line : lines) {
            assertTrue(line.startsWith(prefix), "'" + line + "' starts with '" + prefix + "'");
        }
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }
}
