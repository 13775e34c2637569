package org.ser4j.core.metrics;

/** Accuracy, per-class precision/recall/F1, macro F1 and most-confused pairs. (Contract stub.) */
public final class ClassificationReport {
    private ClassificationReport() {
    }

    /** The report of a confusion matrix. */
    public static ClassificationReport of(ConfusionMatrix matrix) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Fraction of clips predicted correctly. */
    public double accuracy() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
