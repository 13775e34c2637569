package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {
    @TempDir
    Path tmp;

    private final AtomicInteger calls = new AtomicInteger();

    /** Features = byte sum, length, and first byte of the file; "bad" files fail like a decoder would. */
    private float[] fake(Path file) throws IOException {
        calls.incrementAndGet();
        byte[] b = Files.readAllBytes(file);
        if (b.length > 0 && b[0] == 'X') {
            throw new IOException(file + ": not a RIFF/WAVE file");
        }
        int sum = 0;
        for (byte v : b) {
            sum += v;
        }
        return new float[] {sum, b.length, b.length == 0 ? -1 : b[0]};
    }

    private List<Path> files(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = tmp.resolve("audio").resolve("clip" + i + ".wav");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "clip number " + i, StandardCharsets.US_ASCII);
            files.add(f);
        }
        return files;
    }

    private FeatureCache cache(String config) {
        return new FeatureCache(tmp.resolve("cache"), config, 3, this::fake);
    }

    @Test
    void secondRunReadsEveryEntryFromTheCache() throws IOException {
        List<Path> files = files(12);
        FeatureCache.Result first = cache("cfg").load(files, 3, s -> { });
        assertEquals(12, first.computed());
        assertEquals(0, first.fromCache());
        assertEquals(12, calls.get());

        List<String> progress = new ArrayList<>();
        FeatureCache.Result second = cache("cfg").load(files, 2, progress::add);
        assertEquals(0, second.computed());
        assertEquals(12, second.fromCache());
        assertEquals(12, calls.get(), "no file was extracted again");
        for (int i = 0; i < files.size(); i++) {
            assertArrayEquals(first.features().get(i), second.features().get(i));
            assertArrayEquals(fake(files.get(i)), second.features().get(i));
        }
        assertTrue(progress.get(progress.size() - 1).startsWith("features 12/12 (12 from cache"), progress.toString());
    }

    @Test
    void keyFollowsContentAndConfigurationNotName() throws IOException {
        List<Path> files = files(2);
        cache("cfg").load(files, 1, s -> { });
        Path moved = tmp.resolve("elsewhere.wav");
        Files.copy(files.get(0), moved);
        assertEquals(1, cache("cfg").load(List.of(moved), 1, s -> { }).fromCache(), "same bytes, other name: hit");
        assertEquals(1, cache("other-cfg").load(List.of(moved), 1, s -> { }).computed(), "other configuration: miss");
        Files.writeString(files.get(1), "edited");
        assertEquals(1, cache("cfg").load(List.of(files.get(1)), 1, s -> { }).computed(), "edited file: miss");
    }

    @Test
    void corruptEntriesAreRecomputedNotTrusted() throws IOException {
        List<Path> files = files(3);
        FeatureCache c = cache("cfg");
        FeatureCache.Result first = c.load(files, 1, s -> { });
        Path e0 = c.entryPath(c.key(files.get(0)));
        Path e1 = c.entryPath(c.key(files.get(1)));
        assertTrue(Files.exists(e0) && Files.exists(e1));
        byte[] b = Files.readAllBytes(e0);
        b[14] ^= 0x40; // flip a bit of the first value: the checksum no longer matches
        Files.write(e0, b);
        Files.write(e1, new byte[] {1, 2, 3}); // truncated
        calls.set(0);
        FeatureCache.Result again = c.load(files, 1, s -> { });
        assertEquals(2, again.computed());
        assertEquals(1, again.fromCache());
        assertEquals(2, calls.get());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(first.features().get(i), again.features().get(i));
        }
        // The recomputed entries were rewritten and are valid again.
        assertEquals(3, c.load(files, 1, s -> { }).fromCache());
    }

    @Test
    void undecodableFilesAreReportedAndLeftOutWithoutStoppingTheOthers() throws IOException {
        List<Path> files = files(4);
        Files.writeString(files.get(2), "XXXX not audio");
        Path missing = tmp.resolve("missing.wav");
        List<Path> all = new ArrayList<>(files);
        all.add(missing);
        FeatureCache.Result r = cache("cfg").load(all, 2, s -> { });
        assertEquals(2, r.failures().size());
        assertEquals(files.get(2), r.failures().get(0).file());
        assertEquals("not a RIFF/WAVE file", r.failures().get(0).reason(), "the reason does not repeat the file");
        assertEquals(missing, r.failures().get(1).file());
        assertTrue(r.failures().get(1).reason().contains("does not exist"));
        assertNull(r.features().get(2));
        assertNull(r.features().get(4));
        assertEquals(3, r.computed());
        try (Stream<Path> s = Files.walk(tmp.resolve("cache"))) {
            assertEquals(3, s.filter(p -> p.toString().endsWith(".f32")).count(), "failures are not cached");
        }
    }

    @Test
    void wrongLengthOrNonFiniteFeaturesAreFailures() throws IOException {
        List<Path> files = files(2);
        FeatureCache shortOutput = new FeatureCache(tmp.resolve("c2"), "k", 4, f -> new float[3]);
        assertTrue(shortOutput.load(files, 1, s -> { }).failures().get(0).reason().contains("3 values instead of 4"));
        FeatureCache nan = new FeatureCache(tmp.resolve("c3"), "k", 1, f -> new float[] {Float.NaN});
        assertTrue(nan.load(files, 1, s -> { }).failures().get(1).reason().contains("non-finite"));
    }

    @Test
    void progressNeverRunsBackwards() throws IOException {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        cache("cfg").load(files(40), 4, lines::add);
        int last = 0;
        for (String l : lines) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("features (\\d+)/40 \\((\\d+) from cache, (\\d+) extracted\\)").matcher(l);
            assertTrue(m.find(), l);
            int done = Integer.parseInt(m.group(1));
            assertTrue(done > last, lines.toString());
            assertEquals(done, Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)), l);
            last = done;
        }
        assertEquals(40, last);
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws IOException {
        cache("cfg").load(files(5), 2, s -> { });
        try (Stream<Path> s = Files.walk(tmp.resolve("cache"))) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count());
        }
    }
}
