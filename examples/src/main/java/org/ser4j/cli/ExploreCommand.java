package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ser4j.training.TrainingListener;
import org.ser4j.training.explore.CorpusExplorer;
import org.ser4j.training.explore.ExploreOptions;
import org.ser4j.training.explore.ExploreProgress;
import org.ser4j.training.explore.ExploreReport;
import org.ser4j.training.explore.ExploreResult;
import org.ser4j.training.explore.ExploreSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ser4j explore}: the notebook's data-exploration step as a report: counts, durations and the
 * padding length, formats, quality checks and figures, written to {@code --out}.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Explores corpus folders and writes report.md, summary.json and figures (PNG) to --out.",
            "Recognises the corpus conventions train does (CREMA-D, RAVDESS, EmoDB, TESS, SAVEE, folder-per-label). Files are "
                + "streamed one at a time; a damaged file is reported, never fatal.",
            "Exit code: 0, or 1 if any labelled file could not be decoded (the report is written anyway), "
                + "2 for bad arguments."})
public final class ExploreCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public ExploreCommand() {
    }

    /** Print a progress line at least every this many files ... */
    static final int PROGRESS_EVERY_FILES = 200;
    /** ... or every this many nanoseconds, whichever comes first. */
    static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    /** Skipped files named on stderr before the rest are only counted (full RAVDESS skips hundreds). */
    static final int MAX_SKIPPED_LINES = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Corpus folder, scanned recursively; repeat for several corpora.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for report.md, summary.json "
            + "and the figures; created if missing, files in it are replaced.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + ExploreOptions.DEFAULT_SEED,
            description = "Seed of the random clip shown per emotion (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        for (Path d : data) {
            if (!Files.isDirectory(d)) {
                err.println(CliErrors.prefix(spec) + "--data " + d + ": " + (Files.exists(d) ? "is not a folder" : "no such folder"));
                err.flush();
                return ExitCodes.USAGE;
            }
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            err.println(CliErrors.prefix(spec) + "--out " + out + ": exists and is not a folder");
            err.flush();
            return ExitCodes.USAGE;
        }
        Progress progress = new Progress(err, CliErrors.prefix(spec));
        ExploreResult result;
        try {
            result = CorpusExplorer.explore(data, ExploreOptions.DEFAULT.withSeed(seed), progress);
        } catch (IOException e) {
            err.println(CliErrors.prefix(spec) + "cannot scan the corpus: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        ExploreSummary s = result.summary();
        reportSkipped(err, s);
        try {
            ExploreReport.write(out, result);
        } catch (IOException e) {
            err.println(CliErrors.prefix(spec) + "cannot write the report to " + out + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "explored %d labelled files (%d decoded, %d unreadable, %d skipped); "
                + "longest clip %,d samples at %d Hz vs fixed %,d; report: %s%n", s.files().labelled(), s.files().decoded(),
                s.files().unreadable(), s.files().skipped(), s.padding().longestSamples(), s.padding().sampleRate(),
                s.padding().fixedSamples(), out.resolve(ExploreReport.REPORT_MD));
        for (ExploreSummary.CheckResult c : s.quality()) {
            if (!c.files().isEmpty()) {
                stdout.printf(Locale.ROOT, "  %s: %d%n", c.title(), c.files().size());
            }
        }
        stdout.flush();
        return s.files().unreadable() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** One stderr line per file the scan could not label, up to {@value #MAX_SKIPPED_LINES}. */
    private void reportSkipped(PrintWriter err, ExploreSummary s) {
        for (ExploreSummary.CheckResult c : s.quality()) {
            if (!c.check().equals("unparsed_name")) {
                continue;
            }
            int n = 0;
            for (ExploreSummary.Finding f : c.files()) {
                if (n++ == MAX_SKIPPED_LINES) {
                    err.println(CliErrors.prefix(spec) + "skipped: ... and " + (c.files().size() - MAX_SKIPPED_LINES) + " more (listed in "
                            + ExploreReport.REPORT_MD + ")");
                    break;
                }
                err.println(CliErrors.prefix(spec) + "skipped: " + f.path() + ": " + f.detail());
            }
        }
        err.flush();
    }

    /** Progress lines on stderr, plus one line per unreadable file. */
    static final class Progress implements ExploreProgress {
        private final PrintWriter err;
        private final String prefix;
        private final long start = System.nanoTime();
        private long lastPrint = start;
        private int lastDone;

        Progress(PrintWriter err, String prefix) {
            this.err = err;
            this.prefix = prefix;
        }

        @Override
        public void fileDone(int done, int total, Path file, String problem) {
            if (problem != null) {
                err.println(prefix + "unreadable: " + problem);
            }
            long now = System.nanoTime();
            if (done == total || done - lastDone >= PROGRESS_EVERY_FILES || now - lastPrint >= PROGRESS_EVERY_NANOS) {
                err.println(line(done, total, now - start));
                lastPrint = now;
                lastDone = done;
            }
            err.flush();
        }

        /**
         * E.g. {@code "files  250/1142 (21.9 %)   48 files/s  ETA 18s"}, durations formatted as the
         * {@code train} command's epoch lines do ({@code 1h02m03s}, {@code 4m05s}, {@code 7s}).
         */
        static String line(int done, int total, long elapsedNanos) {
            double seconds = Math.max(elapsedNanos / 1e9, 1e-9);
            double rate = done / seconds;
            double eta = rate > 0 ? (total - done) / rate : 0;
            int width = Integer.toString(total).length();
            return String.format(Locale.ROOT, "files %" + width + "d/%d (%.1f %%) %6.1f files/s  ETA %s", done, total,
                    total == 0 ? 100.0 : 100.0 * done / total, rate, TrainingListener.formatDuration(eta));
        }
    }
}
