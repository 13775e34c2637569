package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ser4j extract-features} against the librosa fixtures, and its handling of bad inputs. */
class ExtractFeaturesCommandTest {
    private static final String FIXTURE = "espeak_thesurfaceisslick";
    /** Python's repr of a float: digits with a point, or scientific with a two-digit exponent. */
    private static final Pattern PY_FLOAT = Pattern.compile("-?(\\d+\\.\\d+|\\d(\\.\\d+)?e[-+]\\d{2,3})");

    @TempDir
    Path tmp;

    @Test
    void writesTheFixtureLayoutAndValues() throws IOException {
        Path root = fixtures();
        Path out = tmp.resolve("out");
        Result r = run("extract-features", "--out", out.toString(), root.resolve("inputs/" + FIXTURE + ".wav").toString());
        assertEquals(0, r.exit, r.err);
        assertEquals("", r.err);
        Path exp = root.resolve("expected");
        // ZCR is exact, so its file must be byte-for-byte the fixture's
        assertEquals(Files.readString(exp.resolve(FIXTURE + ".zcr.csv")), Files.readString(out.resolve(FIXTURE + ".zcr.csv")));
        compare(exp.resolve(FIXTURE + ".rms.csv"), out.resolve(FIXTURE + ".rms.csv"), true, 1e-5);
        compare(exp.resolve(FIXTURE + ".mel.csv"), out.resolve(FIXTURE + ".mel.csv"), true, 1e-5);
        compare(exp.resolve(FIXTURE + ".db.csv"), out.resolve(FIXTURE + ".db.csv"), false, 1e-3);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(4, files.count(), "exactly the four CSVs, no temporary files left");
        }
    }

    @Test
    void badInputsGetOneLineEachAndTheRestIsProcessed() throws IOException {
        Path root = fixtures();
        Path good = root.resolve("inputs/" + FIXTURE + ".wav");
        Path missing = tmp.resolve("missing.wav");
        Path text = tmp.resolve("notes.wav");
        Files.writeString(text, "this is not a wav file at all, just text\n");
        Path truncated = tmp.resolve("truncated.wav");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(good), 20));
        Path empty = tmp.resolve("empty_data.wav");
        Files.write(empty, wav(1, 16, 16000, new byte[0]));
        Path adpcm = tmp.resolve("adpcm.wav");
        Files.write(adpcm, wav(2, 4, 16000, new byte[64]));
        Path out = tmp.resolve("out");
        Result r = run("extract-features", "--out", out.toString(), missing.toString(), text.toString(), good.toString(),
                truncated.toString(), empty.toString(), adpcm.toString());
        assertEquals(1, r.exit);
        List<String> lines = r.err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(5, lines.size(), "one line per bad file:\n" + r.err);
        Path[] bad = {missing, text, truncated, empty, adpcm};
        for (int i = 0; i < bad.length; i++) {
            assertTrue(lines.get(i).contains(bad[i].toString()), "line names the file: " + lines.get(i));
            assertFalse(lines.get(i).contains("Exception\n\tat"), "no stack trace");
        }
        assertTrue(Files.exists(out.resolve(FIXTURE + ".db.csv")), "the good file was processed");
        assertFalse(Files.exists(out.resolve("notes.db.csv")));
    }

    @Test
    void anUnwritableOutputIsReportedWithTheInput() throws IOException {
        Path root = fixtures();
        Path good = root.resolve("inputs/" + FIXTURE + ".wav");
        Path notADir = tmp.resolve("plain-file");
        Files.writeString(notADir, "x");
        Result r = run("extract-features", "--out", notADir.toString(), good.toString());
        assertEquals(1, r.exit);
        List<String> lines = r.err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), r.err);
        assertTrue(lines.get(0).contains(good.toString()) && lines.get(0).contains("cannot write"), lines.get(0));
    }

    @Test
    void benchmarkListsItsSubcommands() {
        Result r = run("benchmark");
        assertEquals(0, r.exit);
        assertTrue(r.out.contains("features"), r.out);
    }

    @Test
    void benchmarkFeaturesPrintsOneJsonLine() {
        Path root = fixtures();
        Result r = run("benchmark", "features", "--warmup-ms", "0", "--min-runs", "3",
                root.resolve("inputs/" + FIXTURE + ".wav").toString(), tmp.resolve("nope.wav").toString());
        assertEquals(1, r.exit, "one input was missing");
        assertTrue(r.err.contains("nope.wav"), r.err);
        String line = r.out.strip();
        assertEquals(1, r.out.strip().lines().count(), "one line");
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
        assertEquals(1, json.get("clips").asInt(), line);
        assertTrue(json.get("melKernel").asText().matches("vector-.*|portable.*"), line);
        for (String extractor : new String[] {"mel", "time"}) {
            double median = json.get(extractor + "MsPerClip").asDouble();
            double p10 = json.get(extractor + "P10Ms").asDouble();
            double p90 = json.get(extractor + "P90Ms").asDouble();
            assertTrue(median > 0 && p10 <= median && median <= p90, extractor + ": " + line);
        }
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(1, BenchmarkFeaturesCommand.percentile(sorted, 0.10));
        assertEquals(9, BenchmarkFeaturesCommand.percentile(sorted, 0.90));
        assertEquals(5, BenchmarkFeaturesCommand.percentile(sorted, 0.50));
        assertEquals(7, BenchmarkFeaturesCommand.percentile(new long[] {7}, 0.10));
        assertEquals(7, BenchmarkFeaturesCommand.percentile(new long[] {7}, 0.90));
    }

    private static void compare(Path expected, Path actual, boolean relative, double tol) throws IOException {
        List<String> e = Files.readAllLines(expected);
        List<String> a = Files.readAllLines(actual);
        assertEquals(e.size(), a.size(), actual + " rows");
        double max = 0;
        for (String line : e) {
            for (String c : line.split(",")) {
                max = Math.max(max, Math.abs(Double.parseDouble(c)));
            }
        }
        for (int r = 0; r < e.size(); r++) {
            String[] ec = e.get(r).split(",", -1);
            String[] ac = a.get(r).split(",", -1);
            assertEquals(ec.length, ac.length, actual + " columns in row " + r);
            for (int c = 0; c < ec.length; c++) {
                assertTrue(PY_FLOAT.matcher(ac[c]).matches(), "Python float format: " + ac[c]);
                double ev = Double.parseDouble(ec[c]);
                double av = Double.parseDouble(ac[c]);
                assertEquals((double) (float) av, av, 0.0, "values are float32");
                if (relative) {
                    if (Math.abs(ev) > 1e-10 * max) {
                        assertEquals(ev, av, tol * Math.abs(ev), actual + " [" + r + "," + c + "]");
                    }
                } else {
                    assertEquals(ev, av, tol, actual + " [" + r + "," + c + "]");
                }
            }
        }
    }

    /** A minimal RIFF/WAVE file with the given format tag. */
    private static byte[] wav(int formatTag, int bits, int rate, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) formatTag).putShort((short) 1)
                .putInt(rate).putInt(rate * Math.max(1, bits / 8)).putShort((short) Math.max(1, bits / 8)).putShort((short) bits);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Ser4jCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** $SER4J_SHARED/fixtures/librosa or shared/fixtures/librosa above the working directory, or the test is skipped. */
    private static Path fixtures() {
        Path dir = Paths.get("").toAbsolutePath();
        Optional<Path> found = Optional.empty();
        String shared = System.getenv("SER4J_SHARED");
        if (shared != null && !shared.isBlank() && Files.isDirectory(Paths.get(shared, "fixtures", "librosa", "inputs"))) {
            found = Optional.of(Paths.get(shared, "fixtures", "librosa"));
        }
        while (dir != null && found.isEmpty()) {
            Path c = dir.resolve("shared/fixtures/librosa");
            if (Files.isDirectory(c.resolve("inputs")) && Files.isDirectory(c.resolve("expected"))) {
                found = Optional.of(c);
            }
            dir = dir.getParent();
        }
        Assumptions.assumeTrue(found.isPresent(), "librosa fixtures not found");
        return found.get();
    }
}
