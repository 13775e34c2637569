package org.ser4j.training;

/** Receives progress of a training run; called on the training thread. */
@FunctionalInterface
public interface TrainingListener {
    /**
     * An epoch finished.
     *
     * @param record what the epoch did
     * @param maxEpochs the configured number of epochs
     * @param best whether this epoch has the best validation accuracy so far
     * @param etaSeconds estimated seconds until the last epoch ends
     */
    void epochFinished(EpochRecord record, int maxEpochs, boolean best, double etaSeconds);

    /**
     * A listener that does nothing.
     *
     * @return a new listener that ignores every call
     */
    static TrainingListener none() {
        return (r, m, b, e) -> { };
    }

    /**
     * One line per epoch in the style of {@link #formatLine}, through the given sink.
     *
     * @param sink receives each line (without a line terminator), on the training thread
     * @return a listener that formats every epoch and passes the line to {@code sink}
     */
    static TrainingListener lines(java.util.function.Consumer<String> sink) {
        return (r, m, b, e) -> sink.accept(formatLine(r, m, b, e));
    }

    /**
     * The progress line of an epoch, e.g.
     * {@code epoch  3/50  loss 1.2345  acc 0.512  val_acc 0.480 *    412 samples/s  ETA 4m05s}
     * (the star marks the best epoch so far; the rate is right-aligned in six characters).
     *
     * @param r the finished epoch
     * @param maxEpochs the configured number of epochs; also sets the width of the epoch number
     * @param best whether to mark the line with {@code *}
     * @param etaSeconds estimated seconds remaining, formatted by {@link #formatDuration(double)}
     * @return the line, without a line terminator, formatted in {@link java.util.Locale#ROOT}
     */
    static String formatLine(EpochRecord r, int maxEpochs, boolean best, double etaSeconds) {
        int width = Integer.toString(maxEpochs).length();
        return String.format(java.util.Locale.ROOT, "epoch %" + width + "d/%d  loss %.4f  acc %.3f  val_acc %.3f %s %6.0f samples/s  ETA %s",
                r.epoch(), maxEpochs, r.loss(), r.trainAccuracy(), r.validationAccuracy(), best ? "*" : " ",
                r.samplesPerSecond(), formatDuration(etaSeconds));
    }

    /**
     * Seconds (rounded, negatives as 0) as {@code 1h02m03s}, {@code 4m05s} or {@code 7s}; shared by
     * the CLI progress lines.
     *
     * @param seconds a duration in seconds; rounded to the nearest second, negative values and NaN
     *     print as {@code 0s}
     * @return hours (unpadded, only when non-zero), minutes and seconds, the lower units two digits
     */
    public static String formatDuration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        if (h > 0) {
            return String.format(java.util.Locale.ROOT, "%dh%02dm%02ds", h, m, sec);
        }
        if (m > 0) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", m, sec);
        }
        return sec + "s";
    }
}
