package org.ser4j.training.explore;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFiles;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.AudioLimits;
import org.ser4j.core.audio.EmptyAudioException;
import org.ser4j.core.audio.WavDecoder;
import org.ser4j.core.audio.WavFormat;
import org.ser4j.training.corpus.CorpusScanner;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.corpus.ScanResult;
import org.ser4j.training.corpus.SkippedFile;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.LogMelSpectrogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explores corpus folders: scans them with the corpus conventions {@code train} uses, then decodes
 * and measures one file at a time, so memory holds per-file summaries and running sums, never the
 * corpus's audio. A file that cannot be decoded is recorded as unreadable, with the reason, and the
 * exploration goes on.
 */
public final class CorpusExplorer {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusExplorer.class);

    private CorpusExplorer() {
    }

    /**
     * Explores the folders.
     *
     * @param roots corpus folders, scanned recursively
     * @param options seed, thresholds, feature configuration
     * @param progress told after every labelled file
     * @return the statistics and the figures' data
     * @throws IOException if a folder cannot be listed (a bad file never throws)
     */
    public static ExploreResult explore(List<Path> roots, ExploreOptions options, ExploreProgress progress)
            throws IOException {
        ScanResult scan = CorpusScanner.scan(roots, options.scanOptions());
        return explore(roots, scan, options, new LogMelSpectrogram(options.featureConfig()), progress);
    }

    /**
     * Explores the files of a finished scan, with a given log-mel extractor.
     *
     * @param roots the folders scanned, for the report
     * @param scan the scan
     * @param options seed, thresholds, feature configuration
     * @param logMel the extractor behind the mean log-mel figure
     * @param progress told after every labelled file
     * @return the statistics and the figures' data
     */
    public static ExploreResult explore(List<Path> roots, ScanResult scan, ExploreOptions options,
            FeatureExtractor logMel, ExploreProgress progress) {
        CorpusStatistics stats = new CorpusStatistics(roots, scan.clips(), options, logMel);
        for (SkippedFile f : scan.skipped()) {
            stats.addSkipped(f);
        }
        int total = scan.clips().size();
        int done = 0;
        for (LabelledClip clip : scan.clips()) {
            String problem = process(clip, stats, options);
            progress.fileDone(++done, total, clip.path(), problem);
        }
        return new ExploreResult(stats.summary(), stats.figures());
    }

    /** Decodes and records one file; returns null, or the problem that made it unreadable. */
    static String process(LabelledClip clip, CorpusStatistics stats, ExploreOptions options) {
        Path path = clip.path();
        WavFormat format = null;
        String reason;
        try {
            if (Files.size(path) == 0) {
                stats.addEmpty(clip, "0-byte file");
                return null;
            }
            format = isWav(path) ? WavDecoder.readFormat(path) : null;
            if (format == null) {
                // A compressed file: its header has no WAV format; the tallies show what it decodes to
                // (mono 16-bit PCM at its own rate), and its length is bounded while it decodes.
                AudioClip audio = AudioFiles.read(path, exploreLimits(options));
                stats.addDecoded(clip, new WavFormat(WavFormat.Encoding.PCM, 16, 1, audio.sampleRate(), audio.length()),
                        audio);
                return null;
            }
            if (format.durationSeconds() > options.maxClipSeconds()) {
                reason = String.format(Locale.ROOT, "declares %.1f s of audio, more than the %.0f s explore decodes "
                        + "per file", format.durationSeconds(), options.maxClipSeconds());
            } else {
                stats.addDecoded(clip, format, WavDecoder.read(path));
                return null;
            }
        } catch (NoSuchFileException e) {
            reason = "no such file (removed during the exploration?)";
        } catch (AccessDeniedException e) {
            reason = "permission denied";
        } catch (EmptyAudioException e) {
            // A well-formed file without a whole frame counts as empty, not as unreadable.
            stats.addEmpty(clip, "0 samples: " + withoutPath(path, String.valueOf(e.getMessage())));
            return null;
        } catch (AudioFormatException e) {
            reason = withoutPath(path, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            reason = withoutPath(path, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (RuntimeException e) {
            // A decoder or feature bug on one odd file must not cost the whole report.
            LOG.warn("analysis of {} failed", path, e);
            reason = "analysis failed: " + e;
        }
        stats.addUnreadable(clip, format, reason);
        return path + ": " + reason;
    }

    /** The message without a leading "path: ", which the report already shows. */
    static String withoutPath(Path path, String message) {
        String prefix = path + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** Whether the file's content is WAV (RIFF), by its first bytes. */
    private static boolean isWav(Path path) throws IOException {
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(AudioFiles.HEAD_BYTES);
        }
        return "WAV".equals(AudioFiles.formatOf(head));
    }

    /** The default limits, with the longest duration explore decodes per file. */
    private static AudioLimits exploreLimits(ExploreOptions options) {
        double s = options.maxClipSeconds();
        if (!(s < AudioLimits.DEFAULT_MAX_DURATION.toSeconds())) {
            return AudioLimits.DEFAULT;
        }
        return AudioLimits.DEFAULT.withMaxDuration(java.time.Duration.ofMillis(Math.max(1, (long) Math.ceil(s * 1000))));
    }
}
