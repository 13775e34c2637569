package org.ser4j.training.corpus;

import java.util.List;

/**
 * What a scan found.
 *
 * @param clips the labelled clips, in a stable (sorted by path) order
 * @param skipped audio files that were not labelled, each with the reason
 */
public record ScanResult(List<LabelledClip> clips, List<SkippedFile> skipped) {
    /**
     * Copies the lists.
     *
     * @param clips the labelled clips, kept in the given order (a scan sorts them by path); copied
     *     into an unmodifiable list
     * @param skipped audio files that were not labelled, each with the reason; copied likewise
     * @throws NullPointerException if a list or an element of one is null
     */
    public ScanResult {
        clips = List.copyOf(clips);
        skipped = List.copyOf(skipped);
    }
}
