package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path tmp;

    private Path dataWithOneFile() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("data/anger"));
        Files.writeString(d.resolve("a.wav"), "not really audio");
        return d.getParent();
    }

    private CliRun train(String... args) {
        return CliRun.of(new TrainCommand(), args);
    }

    @Test
    void unknownModelNameIsAClearError() throws IOException {
        CliRun r = train("--model", "lstm", "--data", dataWithOneFile().toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown model 'lstm': use --model mel or --model time"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is written for bad input");
    }

    @Test
    void unknownSplitAndStandardisationAreClearErrors() throws IOException {
        String data = dataWithOneFile().toString();
        CliRun r = train("--model", "time", "--data", data, "--out", tmp.resolve("o").toString(), "--split", "actor");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown split 'actor'"), r.err());
        r = train("--model", "time", "--data", data, "--out", tmp.resolve("o").toString(), "--standardize", "minmax");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown standardisation 'minmax'"), r.err());
        r = train("--model", "time", "--data", data, "--out", tmp.resolve("o").toString(), "--lr-schedule", "warmup");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown learning-rate schedule 'warmup': use --lr-schedule constant or cosine"), r.err());
        r = train("--model", "time", "--data", data, "--out", tmp.resolve("o").toString(), "--epochs", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("epochs must be at least 1"), r.err());
        r = train("--model", "time", "--data", data, "--out", tmp.resolve("o").toString(), "--val-fraction", "0.7", "--test-fraction", "0.5");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("test fraction"), r.err());
    }

    @Test
    void missingOrEmptyDataDirectoryIsAClearError() throws IOException {
        Path missing = tmp.resolve("nowhere");
        CliRun r = train("--model", "mel", "--data", missing.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("data directory " + missing + " does not exist"), r.err());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        r = train("--model", "mel", "--data", empty.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("data directory " + empty + " is empty"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void unwritableOutputDirectoryIsAClearError() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "a file where a directory should be");
        CliRun r = train("--model", "time", "--data", dataWithOneFile().toString(), "--out", blocker.resolve("out").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("output directory " + blocker.resolve("out") + " is not writable"), r.err());
    }

    @Test
    void severalDataDirectoriesAfterOneFlagAreEachChecked() throws IOException {
        Path missing = tmp.resolve("second");
        CliRun r = train("--model", "time", "--data", dataWithOneFile().toString(), missing.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("data directory " + missing + " does not exist"), r.err());
    }

    @Test
    void unwritableCacheDirectoryIsAClearError() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "x");
        CliRun r = train("--model", "time", "--data", dataWithOneFile().toString(), "--out", tmp.resolve("o").toString(),
                "--cache", blocker.resolve("cache").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("feature cache directory " + blocker.resolve("cache") + " is not writable"), r.err());
    }

    @Test
    void speakerNormalisationAndTimeShiftRefuseWhatTheyCannotDo() throws IOException {
        String data = dataWithOneFile().toString();
        String out = tmp.resolve("o").toString();
        CliRun r = train("--model", "time", "--data", data, "--out", out, "--speaker-norm");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--speaker-norm is a cross-validation measurement: use it with --cv K and --no-final-model"), r.err());
        r = train("--model", "time", "--data", data, "--out", out, "--speaker-norm", "--cv", "2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--no-final-model"), r.err());
        r = train("--model", "time", "--data", data, "--out", out, "--speaker-norm", "--cv", "2", "--no-final-model", "--augment-copies", "1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--speaker-norm does not combine with --augment-copies"), r.err());
        r = train("--model", "time", "--data", data, "--out", out, "--time-shift", "8", "--standardize", "per-feature");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("the time shift moves values between positions"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing is written for bad input");
    }

    @Test
    void aLeadInNeedsCopiesAndDoesNotCombineWithAShift() throws IOException {
        String data = dataWithOneFile().toString();
        String out = tmp.resolve("o").toString();
        CliRun r = train("--model", "time", "--data", data, "--out", out, "--augment-lead-in-ms", "1000");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--augment-lead-in-ms") && r.err().contains("need --augment-copies N"), r.err());
        r = train("--model", "time", "--data", data, "--out", out, "--augment-copies", "1", "--augment-lead-in-ms", "1000",
                "--augment-shift-ms", "100");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--augment-shift-ms and --augment-lead-in-ms both move the speech"), r.err());
        r = train("--model", "time", "--data", data, "--out", out, "--augment-copies", "1", "--augment-lead-in-ms", "6000");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("the widest lead-in must be in [0, 5] s"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing is written for bad input");
    }

    @Test
    void aLeadInInMillisecondsBecomesSecondsOfTheAugmentation() {
        TrainCommand command = new TrainCommand();
        new picocli.CommandLine(command).parseArgs("--model", "time", "--data", "d", "--out", "o", "--augment-copies", "2",
                "--augment-lead-in-ms", "1000", "--augment-per-epoch", "one");
        org.ser4j.training.WaveformAugmentation a = command.waveform();
        assertEquals(1.0, a.maxLeadInSeconds());
        assertEquals(0.0, a.maxShiftSeconds());
        assertEquals(2, a.copies());
        assertTrue(a.describe().contains("speech onset placed 0..1.0 s in"), a.describe());
    }

    @Test
    void reverberationRangesBecomeTheAugmentationsRoomReverb() {
        TrainCommand command = new TrainCommand();
        new picocli.CommandLine(command).parseArgs("--model", "mel", "--data", "d", "--out", "o", "--augment-copies", "2",
                "--augment-speeds", "1.0", "--augment-reverb-rt60", "0.2:0.8", "--augment-reverb-drr", "3:9");
        org.ser4j.training.RoomReverb reverb = command.waveform().reverb();
        assertEquals(new org.ser4j.training.RoomReverb(0.2, 0.8, 3, 9), reverb);
        command = new TrainCommand();
        new picocli.CommandLine(command).parseArgs("--model", "mel", "--data", "d", "--out", "o", "--augment-copies", "1",
                "--augment-reverb-rt60", "0.5");
        assertEquals(org.ser4j.training.RoomReverb.rt60(0.5, 0.5), command.waveform().reverb(), "one number is both ends; DRR defaults");
        command = new TrainCommand();
        new picocli.CommandLine(command).parseArgs("--model", "mel", "--data", "d", "--out", "o", "--augment-copies", "1");
        assertEquals(org.ser4j.training.RoomReverb.NONE, command.waveform().reverb());
    }

    @Test
    void badReverberationRangesAreUsageErrors() throws IOException {
        String data = dataWithOneFile().toString();
        String out = tmp.resolve("o").toString();
        String[] base = {"--model", "mel", "--data", data, "--out", out};
        assertUsageError("need --augment-copies N", base, "--augment-reverb-rt60", "0.2:0.8");
        assertUsageError("--augment-reverb-rt60 needs MIN:MAX in seconds", base, "--augment-copies", "1", "--augment-reverb-rt60", "0.2:x");
        assertUsageError("the reverberation time range must satisfy", base, "--augment-copies", "1", "--augment-reverb-rt60", "0.2:5");
        assertUsageError("the direct-to-reverberant ratio range must satisfy", base, "--augment-copies", "1",
                "--augment-reverb-rt60", "0.2:0.5", "--augment-reverb-drr", "9:3");
        assertFalse(Files.exists(tmp.resolve("o")), "nothing is written for bad input");
    }

    private void assertUsageError(String expected, String[] base, String... more) {
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        CliRun r = train(args);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun r = train("--model", "time");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Missing required options"), r.err());
    }

    @Test
    void registeredInTheTool() {
        CliRun r = CliRun.of(new Ser4jCli(), "train", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--standardize") && r.out().contains("--patience"), r.out());
        r = CliRun.of(new Ser4jCli(), "evaluate", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--model"), r.out());
    }
}
