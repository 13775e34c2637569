package org.ser4j.training.explore;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code ser4j explore} found, as written to {@code summary.json} (Jackson serialises the
 * records field by field). Maps keep a meaningful order: emotions in {@link org.ser4j.core.Emotion}
 * order, everything else sorted by key.
 *
 * @param roots the folders scanned
 * @param seed the seed of the random clip choice
 * @param files how many files were found, labelled, decoded
 * @param counts clips per emotion, speaker, corpus and intensity
 * @param classBalance how evenly the emotions are represented
 * @param durations clip durations
 * @param padding the padding length the notebook would derive against the library's fixed length
 * @param formats audio formats found
 * @param quality one entry per quality check, with the offending files
 * @param figures file names of the figures written, by figure ({@code waveforms},
 *     {@code meanLogMel}, {@code durationHistogram}); a figure with nothing to show is absent
 * @param waveformClips the randomly chosen clip shown per emotion
 * @param meanLogMelClips how many clips each emotion's mean log-mel spectrogram averages
 * @param perFile one line per decoded file
 */
public record ExploreSummary(List<String> roots, long seed, FileCounts files, Counts counts, ClassBalance classBalance,
        Durations durations, Padding padding, Formats formats, List<CheckResult> quality, Map<String, String> figures,
        Map<String, String> waveformClips, Map<String, Long> meanLogMelClips, List<FileSummary> perFile) {

    /**
     * File counts.
     *
     * @param found audio files the scan found (labelled plus skipped)
     * @param labelled files labelled with one of the six emotions
     * @param skipped files the scan could not label
     * @param decoded labelled files decoded (including empty ones)
     * @param unreadable labelled files that could not be decoded
     * @param usable decoded files neither empty nor all-silent
     */
    public record FileCounts(long found, long labelled, long skipped, long decoded, long unreadable, long usable) {
    }

    /**
     * Clip counts of the labelled files.
     *
     * @param emotion clips per emotion (all six, zeros included)
     * @param usableEmotion usable clips per emotion (decoded, neither empty nor silent)
     * @param speaker clips per speaker, keyed {@code corpus:speaker}
     * @param corpus clips per corpus convention
     * @param intensity clips per intensity, keyed {@code corpus:intensity}; empty when no corpus has one
     */
    public record Counts(Map<String, Long> emotion, Map<String, Long> usableEmotion, Map<String, Long> speaker,
            Map<String, Long> corpus, Map<String, Long> intensity) {
    }

    /**
     * Class balance of the labelled clips.
     *
     * @param share fraction of the labelled clips per emotion
     * @param largest the most frequent emotion
     * @param smallest the least frequent emotion
     * @param imbalanceRatio largest count divided by smallest count (infinite, written as null, if an
     *     emotion has no clips, or when there are no clips at all)
     */
    public record ClassBalance(Map<String, Double> share, String largest, String smallest, Double imbalanceRatio) {
    }

    /**
     * Durations of the decoded clips, in seconds.
     *
     * @param count clips measured
     * @param minSeconds shortest
     * @param medianSeconds median
     * @param meanSeconds mean
     * @param maxSeconds longest
     * @param totalSeconds sum
     * @param histogramEdges histogram bin edges, seconds
     * @param histogramCounts clips per histogram bin
     */
    public record Durations(long count, double minSeconds, double medianSeconds, double meanSeconds, double maxSeconds,
            double totalSeconds, double[] histogramEdges, long[] histogramCounts) {
    }

    /**
     * The padding length: the notebook pads every clip to the longest clip's length at its feature
     * rate; the library uses a fixed length instead.
     *
     * @param sampleRate the feature sample rate, Hz (16000)
     * @param longestClip the longest decoded clip, or null when none was decoded
     * @param longestSamples its length resampled to {@code sampleRate}: {@code ceil(n * sampleRate / rate)}
     * @param fixedSamples the library's fixed length (80,080)
     * @param clipsCut clips longer than the fixed length, which the library trims
     * @param clipsPadded clips shorter than the fixed length, which the library zero-pads
     * @param maxCutSeconds the most audio trimmed from one clip
     * @param meanCutSeconds mean audio trimmed per trimmed clip
     * @param totalCutSeconds all audio trimmed
     * @param cut the trimmed clips, longest first
     */
    public record Padding(int sampleRate, String longestClip, long longestSamples, int fixedSamples, long clipsCut,
            long clipsPadded, double maxCutSeconds, double meanCutSeconds, double totalCutSeconds, List<CutClip> cut) {
    }

    /**
     * A clip longer than the fixed length.
     *
     * @param path the file
     * @param samples its length at the feature rate
     * @param cutSamples samples trimmed
     * @param cutSeconds seconds trimmed
     */
    public record CutClip(String path, long samples, long cutSamples, double cutSeconds) {
    }

    /**
     * Audio formats of the files whose header could be read.
     *
     * @param sampleRate files per sample rate, Hz
     * @param sampleFormat files per sample format, e.g. {@code "16-bit PCM"}
     * @param channels files per channel count
     * @param combined files per full description, e.g. {@code "16000 Hz, 16-bit PCM, 1 channel"}
     */
    public record Formats(Map<String, Long> sampleRate, Map<String, Long> sampleFormat, Map<String, Long> channels,
            Map<String, Long> combined) {
    }

    /**
     * One quality check's result.
     *
     * @param check key of the check, e.g. {@code "clipped"}
     * @param title heading, e.g. {@code "Clipped clips"}
     * @param definition what the check flags, with its thresholds
     * @param files the offending files, each with what was measured
     */
    public record CheckResult(String check, String title, String definition, List<Finding> files) {
    }

    /**
     * One offending file.
     *
     * @param path the file
     * @param detail what was measured or why it failed
     */
    public record Finding(String path, String detail) {
    }

    /**
     * Summary of one decoded file.
     *
     * @param path the file
     * @param emotion its label
     * @param speaker speaker key, {@code corpus:speaker}
     * @param corpus corpus convention
     * @param intensity intensity code, or empty
     * @param sampleRate Hz
     * @param sampleFormat e.g. {@code "16-bit PCM"}
     * @param channels channel count
     * @param samples mono samples decoded
     * @param seconds duration
     * @param peakDbfs peak level
     * @param rmsDbfs RMS level
     * @param dcOffset mean sample value
     * @param clippedSamples samples in clipping runs
     * @param issues keys of the quality checks it fails
     */
    public record FileSummary(String path, String emotion, String speaker, String corpus, String intensity,
            int sampleRate, String sampleFormat, int channels, long samples, double seconds, double peakDbfs,
            double rmsDbfs, double dcOffset, long clippedSamples, List<String> issues) {
    }
}
