package org.ser4j.training;

import java.util.SplittableRandom;
import org.ser4j.core.Emotion;

/** Test data: one Gaussian cluster per emotion. */
final class SyntheticData {
    private SyntheticData() {
    }

    /** {@code perClass} samples of each of the first {@code classes} emotions, cluster centres 3 apart. */
    static FeatureSet clusters(int classes, int perClass, int len, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = classes * perClass;
        float[] x = new float[n * len];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            y[i] = c;
            for (int j = 0; j < len; j++) {
                double centre = j % Emotion.COUNT == c ? 3.0 : 0.0;
                x[i * len + j] = (float) (centre + noise * r.nextGaussian());
            }
        }
        return new FeatureSet(x, y, len);
    }
}
