package org.ser4j.training.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;

class CorpusScannerTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[0]);
        return p;
    }

    @Test
    void scansMixedCorporaInSortedOrder() throws IOException {
        touch("ravdess/Actor_02/03-01-05-01-01-01-02.wav");
        touch("ravdess/Actor_01/03-01-08-01-01-01-01.wav"); // surprised: skipped
        touch("ravdess/Actor_01/03-01-03-01-01-01-01.wav");
        touch("ravdess/Actor_01/03-01-09-01-01-01-01.wav"); // malformed: skipped
        touch("crema/1001_DFA_ANG_XX.wav");
        touch("emodb/03a01Fa.wav");
        touch("emodb/03a01La.wav"); // boredom: skipped
        touch("mine/sad/x.WAV");
        touch("mine/notes.txt"); // ignored
        touch("mine/readme/whatever.wav"); // unknown convention: skipped
        ScanResult r = CorpusScanner.scan(List.of(dir.resolve("ravdess"), dir.resolve("crema"), dir.resolve("emodb"),
                dir.resolve("mine")), ScanOptions.DEFAULT);
        List<String> labelled = r.clips().stream()
                .map(c -> dir.relativize(c.path()) + "=" + c.emotion() + "/" + c.speakerKey()).collect(Collectors.toList());
        assertEquals(List.of(
                "crema/1001_DFA_ANG_XX.wav=ANGER/crema-d:1001",
                "emodb/03a01Fa.wav=HAPPY/emodb:03",
                "mine/sad/x.WAV=SAD/folder:x",
                "ravdess/Actor_01/03-01-03-01-01-01-01.wav=HAPPY/ravdess:Actor_01",
                "ravdess/Actor_02/03-01-05-01-01-01-02.wav=ANGER/ravdess:Actor_02"), labelled);
        List<String> skipped = r.skipped().stream().map(s -> dir.relativize(s.path()).toString()).collect(Collectors.toList());
        assertEquals(List.of("emodb/03a01La.wav", "mine/readme/whatever.wav",
                "ravdess/Actor_01/03-01-08-01-01-01-01.wav", "ravdess/Actor_01/03-01-09-01-01-01-01.wav"), skipped);
        for (SkippedFile s : r.skipped()) {
            assertTrue(s.reason().contains(s.path().getFileName().toString()), s.reason());
        }
    }

    @Test
    void calmMappingOption() throws IOException {
        touch("r/03-01-02-02-01-01-05.wav");
        assertEquals(0, CorpusScanner.scan(List.of(dir), ScanOptions.DEFAULT).clips().size());
        ScanResult r = CorpusScanner.scan(List.of(dir), new ScanOptions(ScanOptions.RavdessExtras.CALM_AS_NEUTRAL));
        assertEquals(Emotion.NEUTRAL, r.clips().get(0).emotion());
    }

    @Test
    void overlappingRootsReportFilesOnce() throws IOException {
        touch("a/b/1002_IEO_HAP_LO.wav");
        ScanResult r = CorpusScanner.scan(List.of(dir, dir.resolve("a"), dir.resolve("a/b/1002_IEO_HAP_LO.wav")),
                ScanOptions.DEFAULT);
        assertEquals(1, r.clips().size());
    }

    @Test
    void badRootsFailClearly() throws IOException {
        Path missing = dir.resolve("missing");
        IOException e = assertThrows(IOException.class, () -> CorpusScanner.scan(List.of(missing), ScanOptions.DEFAULT));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        touch("empty/readme.txt");
        IOException e2 = assertThrows(IOException.class, () -> CorpusScanner.scan(List.of(empty), ScanOptions.DEFAULT));
        assertTrue(e2.getMessage().contains(empty.toString()) && e2.getMessage().contains("holds no audio files (.wav, .flac, .mp3, .ogg)"), e2.getMessage());
        Path txt = touch("file.txt");
        IOException e3 = assertThrows(IOException.class, () -> CorpusScanner.scan(List.of(txt), ScanOptions.DEFAULT));
        assertTrue(e3.getMessage().contains(txt.toString()), e3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CorpusScanner.scan(List.of(), ScanOptions.DEFAULT));
    }

    @Test
    void unreadableFolderFailsClearly() throws IOException {
        touch("ok/1001_DFA_ANG_XX.wav");
        Path locked = touch("locked/inner/1001_DFA_SAD_XX.wav").getParent();
        assertTrue(locked.toFile().setReadable(false));
        try {
            Assumptions.assumeFalse(Files.isReadable(locked), "permissions are not enforced (running as root)");
            IOException e = assertThrows(IOException.class, () -> CorpusScanner.scan(List.of(dir), ScanOptions.DEFAULT));
            assertTrue(e.getMessage().contains(locked.toString()), e.getMessage());
        } finally {
            locked.toFile().setReadable(true);
        }
    }

    /** The real corpora from ../shared/datasets (opt-in). */
    @Test
    @Tag("data")
    void sharedDatasets() throws IOException {
        Path root = Path.of(System.getProperty("ser4j.datasets", "../../shared/datasets"));
        ScanResult r = CorpusScanner.scan(List.of(root.resolve("ravdess-speech-16k"), root.resolve("emodb-16k"),
                root.resolve("tess-oaf-24k")), ScanOptions.DEFAULT);
        assertEquals(792 + 350 + 840, r.clips().size());
        assertEquals(0, r.skipped().size(), () -> r.skipped().toString());
        assertEquals(18, r.clips().stream().filter(c -> c.corpus().equals("ravdess")).map(LabelledClip::speaker).distinct().count());
        assertEquals(8, r.clips().stream().filter(c -> c.corpus().equals("emodb")).map(LabelledClip::speaker).distinct().count());
        assertEquals(List.of("OAF"), r.clips().stream().filter(c -> c.corpus().equals("tess")).map(LabelledClip::speaker).distinct().toList());
        for (org.ser4j.core.Emotion e : org.ser4j.core.Emotion.values()) {
            assertEquals(140, r.clips().stream().filter(c -> c.corpus().equals("tess") && c.emotion() == e).count(), e.label());
        }
    }
}
