package org.ser4j.training.explore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.WavFormat;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.corpus.SkippedFile;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.training.charts.HistogramBins;

/**
 * Accumulates a corpus's statistics one file at a time, keeping only per-file summaries and running
 * sums: the mean log-mel spectrograms are running sums per emotion, and the only audio held is the
 * one clip per emotion chosen for the waveform figure.
 *
 * <p>Feed it every file of a scan ({@link #addSkipped}, {@link #addUnreadable}, {@link #addDecoded}),
 * then read {@link #summary()} and {@link #figures()}. Not thread-safe: one thread feeds it.
 */
public final class CorpusStatistics {
    private final List<String> roots;
    private final ExploreOptions options;
    private final FeatureExtractor logMel;
    private final FeatureConfig features;
    private final Map<Path, Integer> rank = new HashMap<>();

    private final long labelled;
    private final EnumMap<Emotion, Long> emotionCounts = zeroCounts();
    private final EnumMap<Emotion, Long> usableCounts = zeroCounts();
    private final TreeMap<String, Long> speakers = new TreeMap<>();
    private final TreeMap<String, Long> corpora = new TreeMap<>();
    private final TreeMap<String, Long> intensities = new TreeMap<>();

    private final EnumMap<QualityCheck, List<QualityFinding>> findings = new EnumMap<>(QualityCheck.class);

    private final TreeMap<Integer, Long> sampleRates = new TreeMap<>();
    private final TreeMap<String, Long> sampleFormats = new TreeMap<>();
    private final TreeMap<Integer, Long> channels = new TreeMap<>();
    private final TreeMap<String, Long> combinedFormats = new TreeMap<>();

    private double[] durations = new double[256];
    private int durationCount;
    private final List<ExploreSummary.FileSummary> files = new ArrayList<>();
    private long skipped;
    private long decoded;
    private long unreadable;
    private long usable;

    private String longestClip;
    private long longestSamples = -1;
    private final List<ExploreSummary.CutClip> cut = new ArrayList<>();
    private long padded;

    private final EnumMap<Emotion, Integer> shownRank = new EnumMap<>(Emotion.class);
    private final EnumMap<Emotion, ExploreFigures.ShownClip> shown = new EnumMap<>(Emotion.class);
    private final EnumMap<Emotion, double[]> melSums = new EnumMap<>(Emotion.class);
    private final EnumMap<Emotion, Long> melCounts = new EnumMap<>(Emotion.class);

    /**
     * Starts the statistics of a scan.
     *
     * @param roots the folders scanned, for the report
     * @param clips every labelled clip of the scan: they are counted per emotion, speaker, corpus and
     *     intensity, and ranked by a seeded shuffle for the choice of the waveform clips
     * @param options seed, thresholds, feature configuration
     * @param logMel the extractor of the mean log-mel figure; its {@code extract(AudioClip)} must
     *     return {@code nMels x frames} values, band-major (row = band)
     * @throws IllegalArgumentException if the extractor's feature length is not
     *     {@code nMels x frames} of its configuration
     */
    public CorpusStatistics(List<Path> roots, List<LabelledClip> clips, ExploreOptions options, FeatureExtractor logMel) {
        this.roots = roots.stream().map(Path::toString).toList();
        this.options = options;
        this.logMel = logMel;
        this.features = logMel.config();
        if (logMel.featureLength() != features.nMels() * features.frames()) {
            throw new IllegalArgumentException("the log-mel extractor returns " + logMel.featureLength()
                    + " values, expected nMels x frames = " + features.nMels() * features.frames());
        }
        this.labelled = clips.size();
        for (QualityCheck c : QualityCheck.values()) {
            findings.put(c, new ArrayList<>());
        }
        List<Path> order = new ArrayList<>(clips.size());
        for (LabelledClip c : clips) {
            emotionCounts.merge(c.emotion(), 1L, Long::sum);
            speakers.merge(c.speakerKey(), 1L, Long::sum);
            corpora.merge(c.corpus(), 1L, Long::sum);
            if (!c.intensity().isEmpty()) {
                intensities.merge(c.corpus() + ":" + c.intensity(), 1L, Long::sum);
            }
            order.add(c.path());
        }
        // The notebook picks a random clip per emotion; a seeded shuffle of the (sorted) scan makes
        // the pick reproducible, and ranking every clip lets an unusable pick fall to the next one.
        Collections.shuffle(order, new Random(options.seed()));
        for (int i = 0; i < order.size(); i++) {
            rank.putIfAbsent(order.get(i), i);
        }
    }

    /**
     * Records a file the scan could not label.
     *
     * @param file the file and the scanner's reason; a leading {@code "<file name>: "} in the
     *     reason is dropped, since the report shows the path anyway
     */
    public void addSkipped(SkippedFile file) {
        skipped++;
        // The scanner's reasons may start with the file name, which the report shows already.
        String reason = file.reason();
        Path name = file.path().getFileName();
        if (name != null && reason.startsWith(name + ": ")) {
            reason = reason.substring(name.toString().length() + 2);
        }
        findings.get(QualityCheck.UNPARSED_NAME).add(new QualityFinding(QualityCheck.UNPARSED_NAME,
                file.path().toString(), reason));
    }

    /**
     * Records a labelled file that could not be decoded.
     *
     * @param clip the file
     * @param format its header, when that could be read, else null
     * @param reason why decoding failed (without the path, which the report shows anyway)
     */
    public void addUnreadable(LabelledClip clip, WavFormat format, String reason) {
        unreadable++;
        if (format != null) {
            tallyFormat(format);
        }
        findings.get(QualityCheck.UNREADABLE).add(new QualityFinding(QualityCheck.UNREADABLE, clip.path().toString(),
                reason));
    }

    /**
     * Records a file that holds no audio: a 0-byte file, or a WAV file whose data chunk holds no
     * whole frame (which the decoder refuses). It counts as decoded, with 0 samples.
     *
     * @param clip the file and its labels
     * @param detail what is empty, e.g. {@code "0-byte file"}
     */
    public void addEmpty(LabelledClip clip, String detail) {
        String path = clip.path().toString();
        record(clip, null, new AudioClip(new float[0], features.sampleRate()), SignalStats.of(new float[0], 1, 1),
                List.of(new QualityFinding(QualityCheck.EMPTY, path, detail)), null);
    }

    /**
     * Records a decoded file.
     *
     * @param clip the file and its labels
     * @param format its header
     * @param audio its samples, mono
     * @throws RuntimeException if the log-mel extraction fails; nothing is recorded then
     */
    public void addDecoded(LabelledClip clip, WavFormat format, AudioClip audio) {
        Objects.requireNonNull(format, "format");
        String path = clip.path().toString();
        SignalStats stats = SignalStats.of(audio.samples(), SignalStats.fullScaleLevel(format),
                options.thresholds().minClipRun());
        List<QualityFinding> issues = QualityChecks.check(path, stats, options.thresholds());
        boolean isUsable = issues.stream().noneMatch(f -> f.check() == QualityCheck.EMPTY || f.check() == QualityCheck.SILENT);
        // Everything that can fail comes before the first update, so a failure records nothing.
        float[] mel = isUsable ? logMel.extract(audio) : null;
        if (mel != null && mel.length != logMel.featureLength()) {
            throw new IllegalStateException("log-mel extractor returned " + mel.length + " values for " + path
                    + ", expected " + logMel.featureLength());
        }
        record(clip, format, audio, stats, issues, mel);
    }

    /** Updates every statistic with one decoded file; {@code mel} is null unless the clip is usable. */
    private void record(LabelledClip clip, WavFormat format, AudioClip audio, SignalStats stats,
            List<QualityFinding> issues, float[] mel) {
        String path = clip.path().toString();
        decoded++;
        if (format != null) {
            tallyFormat(format);
        }
        for (QualityFinding f : issues) {
            findings.get(f.check()).add(f);
        }
        double seconds = audio.durationSeconds();
        if (durationCount == durations.length) {
            durations = Arrays.copyOf(durations, durations.length * 2);
        }
        durations[durationCount++] = seconds;
        long atFeatureRate = samplesAtRate(audio.length(), audio.sampleRate(), features.sampleRate());
        if (atFeatureRate > longestSamples) {
            longestSamples = atFeatureRate;
            longestClip = path;
        }
        if (atFeatureRate > features.clipSamples()) {
            long excess = atFeatureRate - features.clipSamples();
            cut.add(new ExploreSummary.CutClip(path, atFeatureRate, excess, excess / (double) features.sampleRate()));
        } else if (atFeatureRate < features.clipSamples()) {
            padded++;
        }
        files.add(new ExploreSummary.FileSummary(path, clip.emotion().label(), clip.speakerKey(), clip.corpus(),
                clip.intensity(), format == null ? 0 : format.sampleRate(), format == null ? "unknown" : sampleFormat(format),
                format == null ? 0 : format.channels(), audio.length(), seconds, stats.peakDbfs(), stats.rmsDbfs(),
                stats.mean(), stats.clippedSamples(), issues.stream().map(f -> f.check().key()).toList()));
        if (mel != null) {
            usable++;
            Emotion e = clip.emotion();
            usableCounts.merge(e, 1L, Long::sum);
            double[] sum = melSums.computeIfAbsent(e, k -> new double[mel.length]);
            for (int i = 0; i < mel.length; i++) {
                sum[i] += mel[i];
            }
            melCounts.merge(e, 1L, Long::sum);
            int r = rank.getOrDefault(clip.path(), Integer.MAX_VALUE);
            Integer best = shownRank.get(e);
            if (best == null || r < best) {
                shownRank.put(e, r);
                shown.put(e, new ExploreFigures.ShownClip(path, audio));
            }
        }
    }

    /**
     * Length of {@code n} samples at {@code fromRate} after resampling to {@code toRate}:
     * {@code ceil(n * toRate / fromRate)}, the length librosa's resampling produces.
     */
    static long samplesAtRate(long n, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return n;
        }
        return (n * toRate + fromRate - 1) / fromRate;
    }

    /**
     * The statistics so far.
     *
     * @return a new summary of every file recorded until now; may be called more than once
     */
    public ExploreSummary summary() {
        ExploreSummary.FileCounts fileCounts = new ExploreSummary.FileCounts(labelled + skipped, labelled, skipped,
                decoded, unreadable, usable);
        ExploreSummary.Counts counts = new ExploreSummary.Counts(byLabel(emotionCounts), byLabel(usableCounts),
                ordered(speakers), ordered(corpora), ordered(intensities));
        List<ExploreSummary.CutClip> cutSorted = new ArrayList<>(cut);
        cutSorted.sort(Comparator.comparingLong(ExploreSummary.CutClip::cutSamples).reversed()
                .thenComparing(ExploreSummary.CutClip::path));
        double maxCut = 0;
        double totalCut = 0;
        for (ExploreSummary.CutClip c : cut) {
            maxCut = Math.max(maxCut, c.cutSeconds());
            totalCut += c.cutSeconds();
        }
        ExploreSummary.Padding padding = new ExploreSummary.Padding(features.sampleRate(), longestClip,
                Math.max(longestSamples, 0), features.clipSamples(), cut.size(), padded, maxCut,
                cut.isEmpty() ? 0 : totalCut / cut.size(), totalCut, List.copyOf(cutSorted));
        Map<String, Long> rates = new LinkedHashMap<>();
        sampleRates.forEach((k, v) -> rates.put(k.toString(), v));
        Map<String, Long> chans = new LinkedHashMap<>();
        channels.forEach((k, v) -> chans.put(k.toString(), v));
        ExploreSummary.Formats formats = new ExploreSummary.Formats(Collections.unmodifiableMap(rates),
                ordered(sampleFormats), Collections.unmodifiableMap(chans), ordered(combinedFormats));
        List<ExploreSummary.CheckResult> quality = new ArrayList<>();
        for (QualityCheck c : QualityCheck.values()) {
            List<ExploreSummary.Finding> list = findings.get(c).stream()
                    .map(f -> new ExploreSummary.Finding(f.path(), f.detail())).toList();
            quality.add(new ExploreSummary.CheckResult(c.key(), c.title(), c.definition(options.thresholds()), list));
        }
        Map<String, String> figureNames = new LinkedHashMap<>();
        if (!shown.isEmpty()) {
            figureNames.put("waveforms", ExploreReport.WAVEFORMS_PNG);
        }
        if (!melSums.isEmpty()) {
            figureNames.put("meanLogMel", ExploreReport.MEAN_LOG_MEL_PNG);
        }
        if (durationCount > 0) {
            figureNames.put("durationHistogram", ExploreReport.DURATIONS_PNG);
        }
        Map<String, String> shownPaths = new LinkedHashMap<>();
        shown.forEach((e, c) -> shownPaths.put(e.label(), c.path()));
        Map<String, Long> melN = new LinkedHashMap<>();
        melCounts.forEach((e, n) -> melN.put(e.label(), n));
        return new ExploreSummary(roots, options.seed(), fileCounts, counts, classBalance(), durations(), padding,
                formats, List.copyOf(quality), Collections.unmodifiableMap(figureNames),
                Collections.unmodifiableMap(shownPaths), Collections.unmodifiableMap(melN), List.copyOf(files));
    }

    /**
     * The figures' data so far.
     *
     * @return the chosen clip per emotion (the decoded audio itself, not a copy), a new mean
     *     log-mel image {@code [band][frame]} per emotion with usable clips, and the duration
     *     histogram (null when no file was decoded)
     */
    public ExploreFigures figures() {
        Map<Emotion, float[][]> means = new EnumMap<>(Emotion.class);
        int bands = features.nMels();
        int frames = features.frames();
        melSums.forEach((e, sum) -> {
            long n = melCounts.get(e);
            float[][] image = new float[bands][frames];
            for (int b = 0; b < bands; b++) {
                for (int t = 0; t < frames; t++) {
                    image[b][t] = (float) (sum[b * frames + t] / n);
                }
            }
            means.put(e, image);
        });
        return new ExploreFigures(Collections.unmodifiableMap(new EnumMap<>(shown)), Collections.unmodifiableMap(means),
                durationCount == 0 ? null : HistogramBins.nice(Arrays.copyOf(durations, durationCount), histogramBins()));
    }

    private int histogramBins() {
        return (int) Math.max(5, Math.min(40, Math.ceil(Math.sqrt(durationCount))));
    }

    private ExploreSummary.Durations durations() {
        if (durationCount == 0) {
            return new ExploreSummary.Durations(0, 0, 0, 0, 0, 0, new double[0], new long[0]);
        }
        double[] sorted = Arrays.copyOf(durations, durationCount);
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double total = 0;
        for (double d : sorted) {
            total += d;
        }
        HistogramBins h = HistogramBins.nice(sorted, histogramBins());
        return new ExploreSummary.Durations(n, sorted[0], median, total / n, sorted[n - 1], total, h.edges(), h.counts());
    }

    private ExploreSummary.ClassBalance classBalance() {
        Map<String, Double> share = new LinkedHashMap<>();
        Emotion largest = null;
        Emotion smallest = null;
        for (Emotion e : Emotion.values()) {
            long n = emotionCounts.get(e);
            share.put(e.label(), labelled == 0 ? 0.0 : n / (double) labelled);
            if (largest == null || n > emotionCounts.get(largest)) {
                largest = e;
            }
            if (smallest == null || n < emotionCounts.get(smallest)) {
                smallest = e;
            }
        }
        long max = emotionCounts.get(largest);
        long min = emotionCounts.get(smallest);
        Double ratio = min == 0 ? null : max / (double) min;
        return new ExploreSummary.ClassBalance(Collections.unmodifiableMap(share), labelled == 0 ? null : largest.label(),
                labelled == 0 ? null : smallest.label(), ratio);
    }

    private void tallyFormat(WavFormat format) {
        String sf = sampleFormat(format);
        sampleRates.merge(format.sampleRate(), 1L, Long::sum);
        sampleFormats.merge(sf, 1L, Long::sum);
        channels.merge(format.channels(), 1L, Long::sum);
        combinedFormats.merge(String.format(Locale.ROOT, "%d Hz, %s, %d channel%s", format.sampleRate(), sf,
                format.channels(), format.channels() == 1 ? "" : "s"), 1L, Long::sum);
    }

    /** E.g. {@code "16-bit PCM"} or {@code "32-bit float"}. */
    static String sampleFormat(WavFormat format) {
        return format.bitsPerSample() + "-bit " + (format.encoding() == WavFormat.Encoding.IEEE_FLOAT ? "float" : "PCM");
    }

    private static EnumMap<Emotion, Long> zeroCounts() {
        EnumMap<Emotion, Long> m = new EnumMap<>(Emotion.class);
        for (Emotion e : Emotion.values()) {
            m.put(e, 0L);
        }
        return m;
    }

    private static Map<String, Long> byLabel(EnumMap<Emotion, Long> counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((e, n) -> m.put(e.label(), n));
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Long> ordered(TreeMap<String, Long> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
