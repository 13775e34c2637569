package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
            "Recognises the corpus conventions train does (CREMA-D, RAVDESS, EmoDB, folder-per-label). Files are "
                + "streamed one at a time; a damaged file is reported, never fatal.",
            "Exit code: 0, or 1 if any labelled file could not be decoded (the report is written anyway), "
                + "2 for bad arguments."})
public final class ExploreCommand implements Callable<Integer> {
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
                err.println("ser4j explore: --data " + d + ": " + (Files.exists(d) ? "is not a folder" : "no such folder"));
                err.flush();
                return 2;
            }
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            err.println("ser4j explore: --out " + out + ": exists and is not a folder");
            err.flush();
            return 2;
        }
        Progress progress = new Progress(err);
        ExploreResult result;
        try {
            result = CorpusExplorer.explore(data, ExploreOptions.DEFAULT.withSeed(seed), progress);
        } catch (IOException e) {
            err.println("ser4j explore: cannot scan the corpus: " + e.getMessage());
            err.flush();
            return 2;
        }
        ExploreSummary s = result.summary();
        reportSkipped(err, s);
        try {
            ExploreReport.write(out, result);
        } catch (IOException e) {
            err.println("ser4j explore: cannot write the report to " + out + ": " + e.getMessage());
            err.flush();
            return 1;
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
        return s.files().unreadable() > 0 ? 1 : 0;
    }

    /** One stderr line per file the scan could not label, up to {@value #MAX_SKIPPED_LINES}. */
    private static void reportSkipped(PrintWriter err, ExploreSummary s) {
        for (ExploreSummary.CheckResult c : s.quality()) {
            if (!c.check().equals("unparsed_name")) {
                continue;
            }
            int n = 0;
            for (ExploreSummary.Finding f : c.files()) {
                if (n++ == MAX_SKIPPED_LINES) {
                    err.println("ser4j explore: skipped: ... and " + (c.files().size() - MAX_SKIPPED_LINES) + " more (listed in "
                            + ExploreReport.REPORT_MD + ")");
                    break;
                }
                err.println("ser4j explore: skipped: " + f.path() + ": " + f.detail());
            }
        }
        err.flush();
    }

    /** Progress lines on stderr, plus one line per unreadable file. */
    static final class Progress implements ExploreProgress {
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private long lastPrint = start;
        private int lastDone;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void fileDone(int done, int total, Path file, String problem) {
            if (problem != null) {
                err.println("ser4j explore: unreadable: " + problem);
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
                    total == 0 ? 100.0 : 100.0 * done / total, rate, duration(eta));
        }

        static String duration(double seconds) {
            long s = Math.max(0, Math.round(seconds));
            long h = s / 3600;
            long m = (s % 3600) / 60;
            long sec = s % 60;
            if (h > 0) {
                return String.format(Locale.ROOT, "%dh%02dm%02ds", h, m, sec);
            }
            return m > 0 ? String.format(Locale.ROOT, "%dm%02ds", m, sec) : sec + "s";
        }
    }
}
