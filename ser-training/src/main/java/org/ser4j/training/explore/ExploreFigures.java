package org.ser4j.training.explore;

import java.util.Map;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.training.charts.HistogramBins;

/**
 * The data behind the figures of an exploration. Arrays are not copied; treat them as read-only.
 *
 * @param waveforms the randomly chosen clip per emotion (emotions without a usable clip are absent)
 * @param meanLogMel mean log-mel spectrogram per emotion, {@code [band][frame]} in dB (emotions
 *     without a usable clip are absent)
 * @param durations histogram of the decoded clips' durations in seconds, or null when none was decoded
 */
public record ExploreFigures(Map<Emotion, ShownClip> waveforms, Map<Emotion, float[][]> meanLogMel,
        HistogramBins durations) {

    /**
     * A clip shown in the waveform figure.
     *
     * @param path its file
     * @param audio its samples as decoded
     */
    public record ShownClip(String path, AudioClip audio) {
    }
}
