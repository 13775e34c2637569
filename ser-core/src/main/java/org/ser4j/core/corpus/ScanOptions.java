package org.ser4j.core.corpus;

/**
 * Options of a corpus scan.
 *
 * @param ravdessExtras what to do with RAVDESS's calm (02) and surprised (08) clips
 */
public record ScanOptions(RavdessExtras ravdessExtras) {
    /** Skip RAVDESS calm and surprised. */
    public static final ScanOptions DEFAULT = new ScanOptions(RavdessExtras.SKIP);

    /** Handling of RAVDESS emotions outside the six. */
    public enum RavdessExtras {
        /** Report calm and surprised clips as skipped. */
        SKIP,
        /** Label calm clips neutral; still skip surprised. */
        CALM_AS_NEUTRAL
    }
}
