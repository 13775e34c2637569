package org.ser4j.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.models.ClassificationResult;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.OnnxEmotionClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ser4j classify-dir DIR --out results.csv}: classifies every {@code .wav} file under a
 * folder (recursively), shows a progress bar on stderr, writes one CSV row per file atomically
 * and prints a summary (count per emotion, failures).
 *
 * <p>CSV columns: {@code file} (relative to DIR), {@code emotion}, {@code confidence}, the six
 * probabilities, {@code error} (empty on success; a failed file has empty prediction columns).
 */
@Command(name = "classify-dir", mixinStandardHelpOptions = true,
        description = {"Classify every .wav file under a folder (recursively) into a CSV file."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every file classified", "1:some file could not be classified, or no .wav file found",
            "2:bad usage, unusable model or the CSV could not be written"})
public final class ClassifyDirCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public ClassifyDirCommand() {
    }

    /** Files per classifyAll call: the progress bar advances this often. */
    private static final int CHUNK = 64;
    private static final int BAR_WIDTH = 30;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder to scan for .wav files (recursively).")
    Path dir;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "CSV", description = "CSV file to write (replaced atomically).")
    Path out;

    @Mixin
    ModelOption model;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

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
            err.println(CliErrors.prefix(spec) + "no .wav files under " + dir);
            return ExitCodes.FAILED;
        }
        OnnxEmotionClassifier classifier = model.open(ClassifierOptions.defaults(), err, CliErrors.prefix(spec));
        if (classifier == null) {
            return ExitCodes.USAGE;
        }
        long started = System.nanoTime();
        List<ClassificationResult> results = new ArrayList<>(files.size());
        try (classifier) {
            progress(err, 0, files.size());
            for (int from = 0; from < files.size(); from += CHUNK) {
                List<ClassificationResult> part = classifier.classifyAll(files.subList(from, Math.min(files.size(), from + CHUNK)));
                for (ClassificationResult r : part) {
                    if (!r.isSuccess()) {
                        clearProgress(err);
                        err.println(CliErrors.prefix(spec) + r.error().orElseThrow());
                    }
                }
                results.addAll(part);
                progress(err, results.size(), files.size());
            }
        }
        clearProgress(err);
        try {
            AtomicFiles.write(out, o -> writeCsv(o, results));
        } catch (IOException e) {
            err.println(CliErrors.prefix(spec) + "cannot write " + out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        stdout.println(summary(results, (System.nanoTime() - started) / 1e9));
        stdout.flush();
        return results.stream().allMatch(ClassificationResult::isSuccess) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Every regular file under {@code dir} whose name ends in .wav (any case), sorted. */
    static List<Path> listWavs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .sorted()
                    .toList();
        }
    }

    private void writeCsv(java.io.OutputStream o, List<ClassificationResult> results) throws IOException {
        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("file,emotion,confidence");
        for (Emotion e : Emotion.values()) {
            header.append(',').append(e.label());
        }
        w.write(header.append(",error\n").toString());
        for (ClassificationResult r : results) {
            StringBuilder row = new StringBuilder(csv(dir.relativize(r.path()).toString()));
            if (r.isSuccess()) {
                Prediction p = r.prediction().orElseThrow();
                row.append(',').append(p.emotion().label()).append(',').append(number(p.probability(p.emotion())));
                for (Emotion e : Emotion.values()) {
                    row.append(',').append(number(p.probability(e)));
                }
                row.append(",\n");
            } else {
                row.append(",,,,,,,,").append(',').append(csv(r.error().orElseThrow())).append('\n');
            }
            w.write(row.toString());
        }
        w.flush();
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

    static String summary(List<ClassificationResult> results, double seconds) {
        Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
        int failed = 0;
        for (ClassificationResult r : results) {
            if (r.isSuccess()) {
                counts.merge(r.prediction().orElseThrow().emotion(), 1, Integer::sum);
            } else {
                failed++;
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "classified %d of %d files in %.1f s:",
                results.size() - failed, results.size(), seconds));
        for (Emotion e : Emotion.values()) {
            sb.append(' ').append(e.label()).append(' ').append(counts.getOrDefault(e, 0)).append(',');
        }
        sb.append(" failed ").append(failed);
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
