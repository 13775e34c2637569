package org.ser4j.training.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The signal quality checks of one decoded clip, against {@link QualityThresholds}. */
public final class QualityChecks {
    private QualityChecks() {
    }

    /**
     * The checks a clip fails. An empty clip is only {@link QualityCheck#EMPTY}, an all-silent one
     * only {@link QualityCheck#SILENT} (the level checks say nothing more about it); any other clip
     * can be {@link QualityCheck#CLIPPED}, {@link QualityCheck#DC_OFFSET} and
     * {@link QualityCheck#LOW_LEVEL} at once.
     *
     * @param path the file, for the findings
     * @param stats the clip's statistics, computed with {@code thresholds.minClipRun()}
     * @param thresholds the limits
     * @return the findings, in {@link QualityCheck} order; empty when the clip passes
     */
    public static List<QualityFinding> check(String path, SignalStats stats, QualityThresholds thresholds) {
        List<QualityFinding> out = new ArrayList<>();
        if (stats.samples() == 0) {
            out.add(new QualityFinding(QualityCheck.EMPTY, path, "0 samples"));
            return out;
        }
        if (stats.peak() <= thresholds.silencePeak()) {
            out.add(new QualityFinding(QualityCheck.SILENT, path,
                    String.format(Locale.ROOT, "%d samples, peak %.3g", stats.samples(), stats.peak())));
            return out;
        }
        if (stats.clipRuns() > 0) {
            out.add(new QualityFinding(QualityCheck.CLIPPED, path, String.format(Locale.ROOT,
                    "%d run%s at full scale, %d samples (%.2f%%), longest run %d samples", stats.clipRuns(),
                    stats.clipRuns() == 1 ? "" : "s", stats.clippedSamples(),
                    100.0 * stats.clippedSamples() / stats.samples(), stats.longestClipRun())));
        }
        if (Math.abs(stats.mean()) > thresholds.maxDcOffset()) {
            out.add(new QualityFinding(QualityCheck.DC_OFFSET, path, String.format(Locale.ROOT,
                    "mean %+.4f (%.1f dBFS)", stats.mean(), SignalStats.toDbfs(Math.abs(stats.mean())))));
        }
        if (stats.peakDbfs() < thresholds.lowPeakDbfs() || stats.rmsDbfs() < thresholds.lowRmsDbfs()) {
            out.add(new QualityFinding(QualityCheck.LOW_LEVEL, path, String.format(Locale.ROOT,
                    "peak %.1f dBFS, RMS %.1f dBFS", stats.peakDbfs(), stats.rmsDbfs())));
        }
        return out;
    }
}
