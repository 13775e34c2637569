package org.ser4j.training.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.ser4j.core.Emotion;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.training.charts.Charts;

/**
 * Writes an exploration's {@code report.md}, {@code summary.json} and figures into a folder, each
 * file atomically. The figures are written first, so a report never links to a missing image.
 */
public final class ExploreReport {
    /** The human-readable report. */
    public static final String REPORT_MD = "report.md";
    /** The machine-readable summary. */
    public static final String SUMMARY_JSON = "summary.json";
    /** One waveform per emotion, in a grid. */
    public static final String WAVEFORMS_PNG = "waveforms.png";
    /** One mean log-mel spectrogram per emotion, in a grid. */
    public static final String MEAN_LOG_MEL_PNG = "mean-log-mel.png";
    /** The duration histogram. */
    public static final String DURATIONS_PNG = "durations.png";

    /** report.md lists at most this many files per check or table; summary.json lists all. */
    static final int MAX_LISTED = 50;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExploreReport() {
    }

    /**
     * Writes the figures, summary.json and report.md into {@code outDir}, creating it if needed.
     *
     * @param outDir the output folder
     * @param result the exploration
     * @throws IOException if a file cannot be written
     */
    public static void write(Path outDir, ExploreResult result) throws IOException {
        ExploreSummary s = result.summary();
        ExploreFigures f = result.figures();
        if (!f.waveforms().isEmpty()) {
            List<XYChart> charts = new ArrayList<>();
            for (Map.Entry<Emotion, ExploreFigures.ShownClip> e : f.waveforms().entrySet()) {
                ExploreFigures.ShownClip c = e.getValue();
                charts.add(Charts.waveform(e.getKey().label() + ": " + fileName(c.path()), c.audio().samples(),
                        c.audio().sampleRate()));
            }
            Charts.writePngGrid(outDir.resolve(WAVEFORMS_PNG), charts, 2);
        }
        if (!f.meanLogMel().isEmpty()) {
            List<HeatMapChart> charts = new ArrayList<>();
            for (Map.Entry<Emotion, float[][]> e : f.meanLogMel().entrySet()) {
                float[][] img = e.getValue();
                Long n = s.meanLogMelClips().get(e.getKey().label());
                charts.add(Charts.image(String.format(Locale.ROOT, "mean log-mel, %s (%d clips), dB", e.getKey().label(), n),
                        "frame (0-" + (img[0].length - 1) + ")", "mel band (0-" + (img.length - 1) + ")", img));
            }
            Charts.writePngGrid(outDir.resolve(MEAN_LOG_MEL_PNG), charts, 2);
        }
        if (f.durations() != null) {
            Charts.writePng(outDir.resolve(DURATIONS_PNG),
                    Charts.histogram("Clip durations (" + s.durations().count() + " clips)", "duration (s)", f.durations()));
        }
        AtomicFiles.write(outDir.resolve(SUMMARY_JSON), out -> JSON.writeValue(out, s));
        AtomicFiles.write(outDir.resolve(REPORT_MD), markdown(s).getBytes(StandardCharsets.UTF_8));
    }

    /** The report.md text. */
    static String markdown(ExploreSummary s) {
        StringBuilder md = new StringBuilder();
        md.append("# Corpus exploration\n\n");
        md.append("Folders: ");
        for (int i = 0; i < s.roots().size(); i++) {
            md.append(i == 0 ? "" : ", ").append(code(s.roots().get(i)));
        }
        md.append(". Seed of the random clip choice: ").append(s.seed()).append(".\n\n");

        ExploreSummary.FileCounts fc = s.files();
        md.append("## Files\n\n| | files |\n|---|---:|\n");
        row(md, "audio files found", fc.found());
        row(md, "labelled with one of the six emotions", fc.labelled());
        row(md, "skipped (name not recognised or emotion outside the six)", fc.skipped());
        row(md, "decoded", fc.decoded());
        row(md, "unreadable", fc.unreadable());
        row(md, "usable (decoded, neither empty nor silent)", fc.usable());
        md.append('\n');

        counts(md, s);
        durations(md, s);
        padding(md, s);
        formats(md, s);
        quality(md, s);
        figures(md, s);
        return md.toString();
    }

    private static void counts(StringBuilder md, ExploreSummary s) {
        ExploreSummary.Counts c = s.counts();
        ExploreSummary.ClassBalance b = s.classBalance();
        md.append("## Clips per emotion\n\n| emotion | clips | share | usable |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, Long> e : c.emotion().entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% | %d |%n", e.getKey(), e.getValue(),
                    100 * b.share().get(e.getKey()), c.usableEmotion().get(e.getKey())));
        }
        md.append('\n');
        if (b.largest() != null) {
            md.append("Class balance: the largest class is ").append(b.largest()).append(", the smallest ")
                    .append(b.smallest()).append("; ");
            md.append(b.imbalanceRatio() == null ? "at least one emotion has no clips.\n\n"
                    : String.format(Locale.ROOT, "largest / smallest = %.2f.%n%n", b.imbalanceRatio()));
        } else {
            md.append("No labelled clips were found.\n\n");
        }
        table(md, "Clips per corpus", "corpus", c.corpus());
        if (!c.intensity().isEmpty()) {
            table(md, "Clips per intensity", "corpus:intensity", c.intensity());
        }
        table(md, "Clips per speaker (" + c.speaker().size() + " speakers)", "corpus:speaker", c.speaker());
    }

    private static void durations(StringBuilder md, ExploreSummary s) {
        ExploreSummary.Durations d = s.durations();
        md.append("## Durations\n\n");
        if (d.count() == 0) {
            md.append("No clip was decoded.\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "Over %d decoded clips: min %.3f s, median %.3f s, mean %.3f s, max %.3f s; "
                + "%.1f minutes in total.%n%n", d.count(), d.minSeconds(), d.medianSeconds(), d.meanSeconds(),
                d.maxSeconds(), d.totalSeconds() / 60));
        if (s.figures().containsKey("durationHistogram")) {
            md.append("![Duration histogram](").append(DURATIONS_PNG).append(")\n\n");
        }
    }

    private static void padding(StringBuilder md, ExploreSummary s) {
        ExploreSummary.Padding p = s.padding();
        md.append("## Padding length\n\n");
        if (p.longestClip() == null) {
            md.append("No clip was decoded.\n\n");
            return;
        }
        double khz = p.sampleRate() / 1000.0;
        md.append(String.format(Locale.ROOT, "The notebook pads every clip to the longest clip's length. Here the longest "
                + "clip is %s: **%,d samples at %s kHz** (%.3f s). The library uses a fixed length of **%,d samples** "
                + "(%.3f s).%n%n", code(p.longestClip()), p.longestSamples(), fmtKhz(khz),
                p.longestSamples() / (double) p.sampleRate(), p.fixedSamples(), p.fixedSamples() / (double) p.sampleRate()));
        if (p.clipsCut() == 0) {
            md.append("No clip is longer than the fixed length, so none would be cut; ").append(p.clipsPadded())
                    .append(" clips are zero-padded.\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "**%d clips would be cut** to the fixed length: by up to %.3f s, %.3f s on "
                + "average, %.1f s of audio in total. %d clips are zero-padded.%n%n", p.clipsCut(), p.maxCutSeconds(),
                p.meanCutSeconds(), p.totalCutSeconds(), p.clipsPadded()));
        md.append("| clip | samples | cut samples | cut seconds |\n|---|---:|---:|---:|\n");
        int listed = 0;
        for (ExploreSummary.CutClip c : p.cut()) {
            if (listed++ == MAX_LISTED) {
                break;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f |%n", code(c.path()), c.samples(), c.cutSamples(),
                    c.cutSeconds()));
        }
        more(md, p.cut().size());
        md.append('\n');
    }

    private static void formats(StringBuilder md, ExploreSummary s) {
        ExploreSummary.Formats f = s.formats();
        md.append("## Formats\n\n");
        if (f.combined().isEmpty()) {
            md.append("No WAV header could be read.\n\n");
            return;
        }
        table(md, null, "format", f.combined());
        table(md, null, "sample rate (Hz)", f.sampleRate());
        table(md, null, "sample format", f.sampleFormat());
        table(md, null, "channels", f.channels());
    }

    private static void quality(StringBuilder md, ExploreSummary s) {
        md.append("## Quality checks\n\n| check | files |\n|---|---:|\n");
        for (ExploreSummary.CheckResult c : s.quality()) {
            md.append("| ").append(c.title()).append(" | ").append(c.files().size()).append(" |\n");
        }
        md.append('\n');
        for (ExploreSummary.CheckResult c : s.quality()) {
            md.append("### ").append(c.title()).append(" (").append(c.files().size()).append(")\n\n");
            md.append("Flags ").append(c.definition()).append(".\n\n");
            if (c.files().isEmpty()) {
                md.append("None.\n\n");
                continue;
            }
            int listed = 0;
            for (ExploreSummary.Finding f : c.files()) {
                if (listed++ == MAX_LISTED) {
                    break;
                }
                md.append("- ").append(code(f.path())).append(": ").append(oneLine(f.detail())).append('\n');
            }
            more(md, c.files().size());
            md.append('\n');
        }
    }

    private static void figures(StringBuilder md, ExploreSummary s) {
        md.append("## Figures\n\n");
        if (s.figures().containsKey("waveforms")) {
            md.append("Waveform of one randomly chosen clip per emotion (seed ").append(s.seed()).append("):\n\n");
            for (Map.Entry<String, String> e : s.waveformClips().entrySet()) {
                md.append("- ").append(e.getKey()).append(": ").append(code(e.getValue())).append('\n');
            }
            md.append("\n![Waveforms](").append(WAVEFORMS_PNG).append(")\n\n");
        }
        if (s.figures().containsKey("meanLogMel")) {
            md.append("Mean log-mel spectrogram per emotion (the 2D model's input: 128 mel bands, 16 kHz, clips padded "
                    + "or cut to the fixed length, dB relative to each clip's maximum), averaged over the usable clips:\n\n");
            md.append("![Mean log-mel spectrograms](").append(MEAN_LOG_MEL_PNG).append(")\n\n");
        }
        if (s.figures().isEmpty()) {
            md.append("No usable clip, so no figure.\n\n");
        }
    }

    private static void table(StringBuilder md, String heading, String keyTitle, Map<String, Long> counts) {
        if (heading != null) {
            md.append("## ").append(heading).append("\n\n");
        }
        md.append("| ").append(keyTitle).append(" | clips |\n|---|---:|\n");
        counts.forEach((k, v) -> md.append("| ").append(cell(k)).append(" | ").append(v).append(" |\n"));
        md.append('\n');
    }

    private static void row(StringBuilder md, String what, long n) {
        md.append("| ").append(what).append(" | ").append(n).append(" |\n");
    }

    private static void more(StringBuilder md, int total) {
        if (total > MAX_LISTED) {
            md.append("\n... and ").append(total - MAX_LISTED).append(" more (all are listed in ").append(SUMMARY_JSON)
                    .append(").\n");
        }
    }

    private static String fmtKhz(double khz) {
        return khz == Math.rint(khz) ? Long.toString((long) khz) : Double.toString(khz);
    }

    private static String fileName(String path) {
        Path p = Path.of(path).getFileName();
        return p == null ? path : p.toString();
    }

    /** Inline code, safe for odd file names. */
    private static String code(String s) {
        return "`" + oneLine(s).replace('`', '\'') + "`";
    }

    private static String cell(String s) {
        return oneLine(s).replace("|", "\\|");
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
