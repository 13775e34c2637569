package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ExploreCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Ser4jCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** RAVDESS name: modality 03, channel 01, emotion, intensity, statement, repetition, actor. */
    private static String ravdess(int emotion, int intensity, int statement, int repetition, int actor) {
        return String.format("03-01-%02d-%02d-%02d-%02d-%02d.wav", emotion, intensity, statement, repetition, actor);
    }

    @Test
    void flagsPlantedProblems(@TempDir Path tmp) throws IOException {
        Path corpus = tmp.resolve("ravdess");
        Path actor = corpus.resolve("Actor_01");
        int rate = 16000;
        // Healthy clips, two per emotion of the six (RAVDESS 01 neutral, 03 happy, 04 sad, 05 angry, 06 fearful, 07 disgust).
        int k = 0;
        for (int emotion : new int[] {1, 3, 4, 5, 6, 7}) {
            for (int rep = 1; rep <= 2; rep++) {
                TestWavs.write(actor.resolve(ravdess(emotion, 1, 1, rep, 1)),
                        TestWavs.tone(rate + 1000 * k, rate, 150 + 20 * k, 0.4, k), rate);
                k++;
            }
        }
        // The planted problems.
        Path empty = actor.resolve(ravdess(4, 2, 2, 1, 1));
        Files.write(empty, TestWavs.pcm16(new float[0], rate));
        Path clipped = actor.resolve(ravdess(5, 2, 2, 1, 1));
        float[] loud = TestWavs.tone(rate, rate, 200, 3.0, 99);
        TestWavs.write(clipped, loud, rate);
        Path truncated = actor.resolve(ravdess(6, 2, 2, 1, 1));
        byte[] whole = TestWavs.pcm16(TestWavs.tone(rate, rate, 300, 0.4, 7), rate);
        Files.write(truncated, Arrays.copyOf(whole, 20));
        Path misnamed = actor.resolve("take-2-final.wav");
        TestWavs.write(misnamed, TestWavs.tone(rate, rate, 250, 0.4, 3), rate);

        Path report = tmp.resolve("report");
        int code = run("explore", "--data", corpus.toString(), "--out", report.toString(), "--seed", "5");

        assertEquals(1, code, "an unreadable file makes the exit code 1; stderr:\n" + err);
        assertTrue(err.toString().contains(truncated.getFileName().toString()), "stderr names the truncated file:\n" + err);
        assertTrue(err.toString().contains("files 15/15 (100.0 %)"), "progress reaches the total:\n" + err);

        JsonNode json = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertEquals(List.of(empty.toString()), paths(json, "empty"));
        assertEquals(List.of(clipped.toString()), paths(json, "clipped"));
        assertEquals(List.of(truncated.toString()), paths(json, "unreadable"));
        assertEquals(List.of(misnamed.toString()), paths(json, "unparsed_name"));
        assertEquals(List.of(), paths(json, "silent"));
        assertEquals(15, json.at("/files/labelled").asInt());
        assertEquals(2 + 1, json.at("/counts/emotion/sad").asInt());
        assertEquals(16000 + 11 * 1000, json.at("/padding/longestSamples").asInt());
        assertEquals(6, json.at("/waveformClips").size());

        String md = Files.readString(report.resolve("report.md"));
        for (Path p : List.of(empty, clipped, truncated, misnamed)) {
            assertTrue(md.contains(p.toString()), "report.md lists " + p + ":\n" + md);
        }
        for (String png : List.of("waveforms.png", "mean-log-mel.png", "durations.png")) {
            assertNotNull(ImageIO.read(report.resolve(png).toFile()), png + " is an image");
        }
    }

    @Test
    void missingDataFolderIsAClearError(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope");
        int code = run("explore", "--data", missing.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("--data " + missing + ": no such folder"), err.toString());
        assertTrue(!err.toString().contains("Exception"), "no stack trace: " + err);
    }

    @Test
    void outMustNotBeAFile(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        int code = run("explore", "--data", tmp.toString(), "--out", file.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("exists and is not a folder"), err.toString());
    }

    @Test
    void progressLineShowsCountShareRateAndEta() {
        assertEquals("files  250/1000 (25.0 %)   50.0 files/s  ETA 15s",
                ExploreCommand.Progress.line(250, 1000, 5_000_000_000L));
        assertEquals("files 10/60 (16.7 %)    0.1 files/s  ETA 8m20s",
                ExploreCommand.Progress.line(10, 60, 100_000_000_000L));
        assertEquals("files 10/60 (16.7 %)    0.0 files/s  ETA 1h23m20s",
                ExploreCommand.Progress.line(10, 60, 1_000_000_000_000L));
        assertEquals("files 0/0 (100.0 %)    0.0 files/s  ETA 0s", ExploreCommand.Progress.line(0, 0, 1));
    }

    private static List<String> paths(JsonNode summary, String check) {
        for (JsonNode c : summary.get("quality")) {
            if (c.get("check").asText().equals(check)) {
                List<String> out = new ArrayList<>();
                c.get("files").forEach(f -> out.add(f.get("path").asText()));
                return out;
            }
        }
        throw new AssertionError("no check " + check);
    }
}
