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

    /** A listener that does nothing. */
    static TrainingListener none() {
        return (r, m, b, e) -> { };
    }

    /** One line per epoch in the style of {@link #formatLine}, through the given sink. */
    static TrainingListener lines(java.util.function.Consumer<String> sink) {
        return (r, m, b, e) -> sink.accept(formatLine(r, m, b, e));
    }

    /**
     * The progress line of an epoch, e.g.
     * {@code epoch  3/50  loss 1.2345  acc 0.512  val_acc 0.480 *  412 samples/s  ETA 4m05s}
     * (the star marks the best epoch so far).
     */
    static String formatLine(EpochRecord r, int maxEpochs, boolean best, double etaSeconds) {
        int width = Integer.toString(maxEpochs).length();
        return String.format(java.util.Locale.ROOT, "epoch %" + width + "d/%d  loss %.4f  acc %.3f  val_acc %.3f %s %6.0f samples/s  ETA %s",
                r.epoch(), maxEpochs, r.loss(), r.trainAccuracy(), r.validationAccuracy(), best ? "*" : " ",
                r.samplesPerSecond(), formatDuration(etaSeconds));
    }

    /** Seconds as {@code 1h02m03s}, {@code 4m05s} or {@code 7s}. */
    static String formatDuration(double seconds) {
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
