package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.split.DatasetSplit;

class InputChecksTest {
    @TempDir
    Path tmp;

    private static String message(Runnable r) {
        return assertThrows(TrainingInputException.class, r::run).getMessage();
    }

    @Test
    void dataDirectoryMustExistBeADirectoryAndHoldFiles() throws IOException {
        Path missing = tmp.resolve("nope");
        assertTrue(message(() -> InputChecks.dataDirectories(List.of(missing))).contains(missing + " does not exist"));
        Path file = Files.writeString(tmp.resolve("f.wav"), "x");
        assertTrue(message(() -> InputChecks.dataDirectories(List.of(file))).contains("is not a directory"));
        Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
        String m = message(() -> InputChecks.dataDirectories(List.of(empty.getParent())));
        assertTrue(m.contains("is empty") && m.contains("empty"), m);
        TrainingInputException none = assertThrows(TrainingInputException.class, () -> InputChecks.dataDirectories(List.of()));
        assertTrue(none.getMessage().contains("no data directory"), none.getMessage());
        assertEquals(java.util.Optional.of("dataDirectories"), none.setting());
        Files.writeString(empty.resolve("a.wav"), "x");
        assertDoesNotThrow(() -> InputChecks.dataDirectories(List.of(empty.getParent())));
    }

    @Test
    void outputDirectoryMustBeWritable() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertTrue(message(() -> InputChecks.outputDirectory(file)).contains("is not a directory"));
        String m = message(() -> InputChecks.outputDirectory(file.resolve("sub")));
        assertTrue(m.contains("not writable") && m.contains("plain-file"), m);
        Path fresh = tmp.resolve("new/out");
        InputChecks.outputDirectory(fresh);
        assertTrue(Files.isDirectory(fresh));
        try (var s = Files.list(fresh)) {
            assertTrue(s.findAny().isEmpty(), "the probe file is removed");
        }
    }

    @Test
    void cacheDirectoryMustBeWritable() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        String m = message(() -> InputChecks.cacheDirectory(file.resolve("cache")));
        assertTrue(m.contains("feature cache directory") && m.contains("choose another"), m);
        assertEquals(java.util.Optional.of("cacheDirectory"),
                assertThrows(TrainingInputException.class, () -> InputChecks.cacheDirectory(file.resolve("cache"))).setting());
        assertDoesNotThrow(() -> InputChecks.cacheDirectory(tmp.resolve("cache")));
    }

    private static List<LabelledClip> clips(Emotion e, int n, String speakerPrefix) {
        List<LabelledClip> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new LabelledClip(Path.of(speakerPrefix + e.label() + i + ".wav"), e, speakerPrefix + i % 3, "folder", ""));
        }
        return l;
    }

    @Test
    void corpusNeedsTwoClasses() {
        String m = message(() -> InputChecks.atLeastTwoClasses(clips(Emotion.SAD, 5, "s"), List.of(Path.of("d"))));
        assertTrue(m.contains("only one class (sad, 5 clips)"), m);
        assertTrue(message(() -> InputChecks.atLeastTwoClasses(List.of(), List.of(Path.of("d")))).contains("no labelled clips"));
        List<LabelledClip> two = new ArrayList<>(clips(Emotion.SAD, 2, "s"));
        two.addAll(clips(Emotion.HAPPY, 2, "s"));
        assertDoesNotThrow(() -> InputChecks.atLeastTwoClasses(two, List.of(Path.of("d"))));
    }

    @Test
    void everyClassMustReachTheTrainingPart() {
        List<LabelledClip> train = new ArrayList<>(clips(Emotion.SAD, 4, "a"));
        train.addAll(clips(Emotion.HAPPY, 4, "a"));
        List<LabelledClip> val = new ArrayList<>(clips(Emotion.SAD, 1, "b"));
        List<LabelledClip> test = new ArrayList<>(clips(Emotion.FEAR, 2, "c"));
        String m = message(() -> InputChecks.trainingPartHasEveryClass(new DatasetSplit(train, val, test)));
        assertTrue(m.contains("class fear is missing from the training part"), m);
        assertTrue(message(() -> InputChecks.trainingPartHasEveryClass(new DatasetSplit(train, List.of(), List.of())))
                .contains("validation part is empty"));
        assertDoesNotThrow(() -> InputChecks.trainingPartHasEveryClass(new DatasetSplit(train, val, List.of())));
    }
}
