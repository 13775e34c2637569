package org.ser4j.training.explore;

import java.util.Locale;

/** The quality checks of {@code ser4j explore}, each with a key for summary.json and a definition. */
public enum QualityCheck {
    /** No samples: 0 data bytes, a 0-frame header, or a 0-byte file. */
    EMPTY("Empty clips"),
    /** Every sample within one 16-bit step of zero. */
    SILENT("All-silent clips"),
    /** Runs of consecutive samples at full scale. */
    CLIPPED("Clipped clips"),
    /** Mean sample value far from zero. */
    DC_OFFSET("DC offset"),
    /** Peak or RMS far below full scale. */
    LOW_LEVEL("Very low level"),
    /** The file could not be decoded. */
    UNREADABLE("Unreadable files"),
    /** The scan could not label the file from its name (or its label is outside the six emotions). */
    UNPARSED_NAME("Names that do not parse");

    private final String title;

    QualityCheck(String title) {
        this.title = title;
    }

    /**
     * Heading used in report.md, e.g. {@code "Clipped clips"}.
     *
     * @return the English heading, capitalised, without trailing punctuation
     */
    public String title() {
        return title;
    }

    /**
     * Key used in summary.json, e.g. {@code "dc_offset"}.
     *
     * @return the constant's name in lower case ({@link Locale#ROOT})
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What the check flags, with the thresholds in force.
     *
     * @param t the thresholds to quote; only read by {@link #SILENT}, {@link #CLIPPED},
     *     {@link #DC_OFFSET} and {@link #LOW_LEVEL}
     * @return one English sentence fragment without a final full stop, numbers formatted in
     *     {@link Locale#ROOT}
     * @throws NullPointerException if {@code t} is null and this check quotes a threshold
     */
    public String definition(QualityThresholds t) {
        switch (this) {
            case EMPTY:
                return "no audio samples (an empty data chunk, a header declaring 0 frames, or a 0-byte file)";
            case SILENT:
                return String.format(Locale.ROOT, "every sample's magnitude is at most %.3g (%.1f dBFS%s)",
                        t.silencePeak(), SignalStats.toDbfs(t.silencePeak()),
                        t.silencePeak() == 1.0 / 32768 ? ", one 16-bit step" : "");
            case CLIPPED:
                return "at least one run of " + t.minClipRun() + " or more consecutive samples at full scale "
                        + "(magnitude at least the format's largest positive value: 1 - 2^-(bits-1) for integer PCM, "
                        + "1 - 2^-15 for float); channels are averaged to mono first";
            case DC_OFFSET:
                return String.format(Locale.ROOT, "absolute mean sample value above %.3g (%.1f dBFS)", t.maxDcOffset(),
                        SignalStats.toDbfs(t.maxDcOffset()));
            case LOW_LEVEL:
                return String.format(Locale.ROOT, "peak below %.1f dBFS or RMS below %.1f dBFS (not counting silent clips)",
                        t.lowPeakDbfs(), t.lowRmsDbfs());
            case UNREADABLE:
                return "the file could not be decoded as WAV audio (the reason is given)";
            case UNPARSED_NAME:
                return "the file name follows no known corpus convention, or names an emotion outside the six";
            default:
                throw new AssertionError(this);
        }
    }
}
