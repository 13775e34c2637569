package org.ser4j.core.metrics;

import org.ser4j.core.Emotion;

/** Counts of (actual, predicted) emotion pairs. (Contract stub: implementation pending.) */
public final class ConfusionMatrix {
    /** An empty matrix. */
    public ConfusionMatrix() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Records one prediction. */
    public void add(Emotion actual, Emotion predicted) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Count of clips of {@code actual} predicted as {@code predicted}. */
    public long count(Emotion actual, Emotion predicted) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
