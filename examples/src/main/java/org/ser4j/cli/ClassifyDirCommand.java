package org.ser4j.cli;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import org.ser4j.core.audio.AudioFiles;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.models.ClassificationResult;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.WindowedEmotionClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ser4j classify-dir DIR --out results.csv}: classifies every audio file ({@code .wav},
 * {@code .flac}, {@code .mp3}, {@code .ogg}; decoded by content) under a
 * folder (recursively), shows a progress bar on stderr, writes one CSV row per file and prints a
 * summary (count per emotion, failures).
 *
 * <p>CSV columns: {@code file} (relative to DIR), {@code emotion}, {@code confidence}, the six
 * probabilities, {@code error} (empty on success; a failed file has empty prediction columns).
 *
 * <p>Rows are written as results arrive, in file order, to {@code CSV.partial} next to the
 * output, flushed row by row; when every file is done that file is moved over the output. A run
 * that is killed or stopped leaves the partial file behind, and {@code --resume} keeps its
 * complete rows (a torn last row is dropped) and classifies only the files it does not list.
 * Without {@code --resume} a partial file left by an earlier run is replaced.
 */
@Command(name = "classify-dir", mixinStandardHelpOptions = true,
        description = {"Classify every audio file (.wav, .flac, .mp3, .ogg) under a folder (recursively) into a CSV file.",
            "Rows go to CSV.partial as they are ready; it is moved to CSV at the end. --resume continues a killed run."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every file classified", "1:some file could not be classified, no audio file found, "
                + "or the run was stopped (e.g. out of memory; the partial CSV is kept)",
            "2:bad usage, unusable model, or the CSV could not be written"})
public final class ClassifyDirCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public ClassifyDirCommand() {
    }

    private static final int BAR_WIDTH = 30;
    /** Columns of every row: file, emotion, confidence, six probabilities, error. */
    static final int COLUMNS = 3 + Emotion.COUNT + 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder to scan for .wav, .flac, .mp3 and .ogg files (recursively).")
    Path dir;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "CSV",
            description = "CSV file to write; rows go to CSV.partial first, moved into place when all files are done.")
    Path out;

    @Mixin
    ModelOption model;

    @Mixin
    MaxDurationOption maxDuration;

    @Option(names = "--resume", description = "Keep the rows of CSV.partial left by a killed run and classify only the other files.")
    boolean resume;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    /** Counts of what the CSV holds. */
    static final class Tally {
        final Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
        int failed;
        int total;

        void add(Emotion emotion) {
            total++;
            if (emotion == null) {
                failed++;
            } else {
                counts.merge(emotion, 1, Integer::sum);
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println(CliErrors.prefix(spec) + dir + ": not a directory");
            return ExitCodes.USAGE;
        }
        List<Path> files;
        try {
            files = listWavs(dir);
        } catch (IOException | UncheckedIOException e) {
            err.println(CliErrors.prefix(spec) + "cannot list " + dir + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (files.isEmpty()) {
            err.println(CliErrors.prefix(spec) + "no audio files (.wav, .flac, .mp3, .ogg) under " + dir);
            return ExitCodes.FAILED;
        }
        Path partial = partialFile(out);
        Tally tally = new Tally();
        Set<String> done = new HashSet<>();
        long keep = 0;
        if (resume && Files.isRegularFile(partial)) {
            try {
                keep = PartialCsv.read(partial, header(), (file, emotion) -> {
                    if (done.add(file)) {
                        tally.add(emotion);
                    }
                });
            } catch (IOException e) {
                err.println(CliErrors.prefix(spec) + "cannot resume from " + partial + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
        } else if (resume) {
            err.println(CliErrors.prefix(spec) + "no " + partial + " to resume from; starting from the first file");
        } else if (Files.exists(partial)) {
            err.println(CliErrors.prefix(spec) + "replacing " + partial + " left by an earlier run (--resume keeps it)");
        }
        List<Path> todo = files.stream().filter(f -> !done.contains(relative(f))).toList();
        if (resume && !done.isEmpty()) {
            err.println(CliErrors.prefix(spec) + "resuming: " + done.size() + " rows kept from " + partial + ", "
                    + todo.size() + " files to classify");
        }
        ClassifierOptions options = ClassifierOptions.defaults().withMaxDuration(maxDuration.maxDuration);
        WindowedEmotionClassifier classifier = model.open(options, err, CliErrors.prefix(spec));
        if (classifier == null) {
            return ExitCodes.USAGE;
        }
        long started = System.nanoTime();
        int total = done.size() + todo.size();
        try (classifier; Writer w = openPartial(partial, keep)) {
            progress(err, tally.total, total);
            classifier.classifyEach(todo, r -> {
                if (!r.isSuccess()) {
                    clearProgress(err);
                    err.println(CliErrors.prefix(spec) + r.error().orElseThrow());
                }
                try {
                    w.write(row(r));
                    w.flush(); // a killed run keeps every row written so far
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                tally.add(r.prediction().map(Prediction::emotion).orElse(null));
                progress(err, tally.total, total);
            });
        } catch (IOException | UncheckedIOException e) {
            clearProgress(err);
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            err.println(CliErrors.prefix(spec) + "cannot write " + partial + ": " + cause.getMessage());
            return ExitCodes.USAGE;
        } catch (Error e) {
            clearProgress(err);
            err.println(CliErrors.prefix(spec) + CliErrors.stopped(e, tally.total, total) + " " + tally.total
                    + " rows are in " + partial + "; run again with --resume to continue.");
            return ExitCodes.FAILED;
        }
        clearProgress(err);
        try {
            moveIntoPlace(partial, out);
        } catch (IOException e) {
            err.println(CliErrors.prefix(spec) + "cannot move " + partial + " to " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        stdout.println(summary(tally, (System.nanoTime() - started) / 1e9));
        stdout.flush();
        return tally.failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Where the rows go while the run is under way: {@code CSV.partial} beside the output. */
    static Path partialFile(Path out) {
        Path abs = out.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".partial");
    }

    private String relative(Path file) {
        return dir.relativize(file).toString();
    }

    /**
     * Opens the partial CSV for appending after its first {@code keep} bytes (its complete rows),
     * or creates it with the header when {@code keep} is 0.
     */
    private Writer openPartial(Path partial, long keep) throws IOException {
        Files.createDirectories(partial.getParent());
        FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            ch.truncate(keep);
            ch.position(keep);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16);
        if (keep == 0) {
            w.write(String.join(",", header()) + "\n");
            w.flush();
        }
        return new FilterWriter(w) {
            @Override
            public void close() throws IOException {
                super.flush();
                ch.force(true);
                super.close();
            }
        };
    }

    private static void moveIntoPlace(Path partial, Path out) throws IOException {
        Path target = out.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new java.nio.file.FileSystemException(out.toString(), null, "is a folder, not a file");
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The CSV header's columns. */
    static List<String> header() {
        List<String> h = new ArrayList<>(List.of("file", "emotion", "confidence"));
        for (Emotion e : Emotion.values()) {
            h.add(e.label());
        }
        h.add("error");
        return h;
    }

    private String row(ClassificationResult r) {
        StringBuilder row = new StringBuilder(csv(relative(r.path())));
        if (r.isSuccess()) {
            Prediction p = r.prediction().orElseThrow();
            row.append(',').append(p.emotion().label()).append(',').append(number(p.probability(p.emotion())));
            for (Emotion e : Emotion.values()) {
                row.append(',').append(number(p.probability(e)));
            }
            row.append(",\n");
        } else {
            row.append(",".repeat(COLUMNS - 2)).append(',').append(csv(oneLine(r.error().orElseThrow()))).append('\n');
        }
        return row.toString();
    }

    /** Error messages stay on one physical line of the CSV. */
    private static String oneLine(String message) {
        return message.replace('\r', ' ').replace('\n', ' ');
    }

    /** Every regular file under {@code dir} whose name ends in .wav, .flac, .mp3 or .ogg (any case), sorted. */
    static List<Path> listWavs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(AudioFiles::hasAudioExtension)
                    .sorted()
                    .toList();
        }
    }

    private static String number(float v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** RFC 4180 quoting when the value needs it. */
    static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static String summary(Tally tally, double seconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "classified %d of %d files in %.1f s:",
                tally.total - tally.failed, tally.total, seconds));
        for (Emotion e : Emotion.values()) {
            sb.append(' ').append(e.label()).append(' ').append(tally.counts.getOrDefault(e, 0)).append(',');
        }
        sb.append(" failed ").append(tally.failed);
        return sb.toString();
    }

    private void progress(PrintWriter err, int done, int total) {
        if (noProgress) {
            return;
        }
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) done * BAR_WIDTH / total);
        err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total + " files");
        err.flush();
    }

    private void clearProgress(PrintWriter err) {
        if (noProgress) {
            return;
        }
        err.print("\r" + " ".repeat(BAR_WIDTH + 40) + "\r");
        err.flush();
    }
}
