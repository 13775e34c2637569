package org.ser4j.training.corpus;

import java.util.Objects;

/**
 * Options of a corpus scan.
 *
 * @param ravdessExtras what to do with RAVDESS's calm (02) and surprised (08) clips
 * @param surpriseExtras what to do with TESS's pleasant surprise ({@code ps}) and SAVEE's surprise
 *     ({@code su}) clips
 */
public record ScanOptions(RavdessExtras ravdessExtras, SurpriseExtras surpriseExtras) {
    /** Skip RAVDESS calm and surprised, TESS pleasant surprise and SAVEE surprise. */
    public static final ScanOptions DEFAULT = new ScanOptions(RavdessExtras.SKIP, SurpriseExtras.SKIP);

    /**
     * Checks the arguments.
     *
     * @param ravdessExtras what to do with RAVDESS's calm and surprised clips, not null
     * @param surpriseExtras what to do with TESS's and SAVEE's surprise clips, not null
     * @throws NullPointerException if an argument is null
     */
    public ScanOptions {
        Objects.requireNonNull(ravdessExtras, "ravdessExtras");
        Objects.requireNonNull(surpriseExtras, "surpriseExtras");
    }

    /**
     * Options with the given RAVDESS handling; TESS and SAVEE surprise clips are skipped.
     *
     * @param ravdessExtras what to do with RAVDESS's calm and surprised clips, not null
     * @throws NullPointerException if {@code ravdessExtras} is null
     */
    public ScanOptions(RavdessExtras ravdessExtras) {
        this(ravdessExtras, SurpriseExtras.SKIP);
    }

    /** Handling of RAVDESS emotions outside the six. */
    public enum RavdessExtras {
        /** Report calm and surprised clips as skipped. */
        SKIP,
        /** Label calm clips neutral; still skip surprised. */
        CALM_AS_NEUTRAL
    }

    /**
     * Handling of the surprise clips of TESS ({@code ps}, pleasant surprise) and SAVEE
     * ({@code su}), which are outside the six emotions. RAVDESS's surprised (08) is always skipped.
     */
    public enum SurpriseExtras {
        /** Report TESS {@code ps} and SAVEE {@code su} clips as skipped. */
        SKIP,
        /** Label TESS pleasant surprise ({@code ps}) happy; still skip SAVEE {@code su}. */
        PLEASANT_SURPRISE_AS_HAPPY
    }
}
