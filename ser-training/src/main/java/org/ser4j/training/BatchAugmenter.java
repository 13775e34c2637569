package org.ser4j.training;

import java.util.SplittableRandom;

/**
 * Applies a {@link FeatureAugmentation} to gathered mini-batches in place, with its own seeded
 * generator (so that the epoch shuffles do not change when augmentation is switched on). Not
 * thread-safe: one per training run.
 */
final class BatchAugmenter {
    private final FeatureAugmentation a;
    private final int bands;
    private final int frames;
    private final SplittableRandom rng;
    private final float[] row;

    /**
     * @param a the augmentation
     * @param bands rows of one input (mel bands; ZCR and RMS for the time model's shift; 1 for mixup alone)
     * @param frames columns of one input
     * @param seed seed of the shifts, the masks and the mixup draws
     */
    BatchAugmenter(FeatureAugmentation a, int bands, int frames, long seed) {
        this.a = a;
        this.bands = bands;
        this.frames = frames;
        this.rng = new SplittableRandom(seed ^ 0xA5A5_1F2E_3D4C_5B6AL);
        this.row = new float[bands * frames];
    }

    /**
     * Shifts every sample of the batch {@code x[0, count)} in time by its own uniform draw in
     * {@code [-maxTimeShift, maxTimeShift]} frames, filling each row's vacated frames with that
     * row's smallest value (no-op without a shift).
     */
    void shift(float[] x, int count) {
        if (!a.shift()) {
            return;
        }
        int limit = Math.min(a.maxTimeShift(), frames);
        for (int s = 0; s < count; s++) {
            int by = rng.nextInt(2 * limit + 1) - limit;
            if (by == 0) {
                continue;
            }
            for (int b = 0; b < bands; b++) {
                int off = s * bands * frames + b * frames;
                float floor = Float.POSITIVE_INFINITY;
                for (int t = 0; t < frames; t++) {
                    floor = Math.min(floor, x[off + t]);
                }
                System.arraycopy(x, off, row, 0, frames);
                for (int t = 0; t < frames; t++) {
                    int from = t - by;
                    x[off + t] = from >= 0 && from < frames ? row[from] : floor;
                }
            }
        }
    }

    /** Masks every sample of the batch {@code x[0, count)} (no-op without masks). */
    void mask(float[] x, int count) {
        if (!a.masks()) {
            return;
        }
        int len = bands * frames;
        for (int s = 0; s < count; s++) {
            int off = s * len;
            double sum = 0;
            for (int i = 0; i < len; i++) {
                sum += x[off + i];
            }
            float mean = (float) (sum / len);
            for (int m = 0; m < a.timeMasks(); m++) {
                int width = rng.nextInt(Math.min(a.maxTimeMaskWidth(), frames) + 1);
                int start = rng.nextInt(frames - width + 1);
                for (int b = 0; b < bands; b++) {
                    java.util.Arrays.fill(x, off + b * frames + start, off + b * frames + start + width, mean);
                }
            }
            for (int m = 0; m < a.frequencyMasks(); m++) {
                int width = rng.nextInt(Math.min(a.maxFrequencyMaskWidth(), bands) + 1);
                int start = rng.nextInt(bands - width + 1);
                java.util.Arrays.fill(x, off + start * frames, off + (start + width) * frames, mean);
            }
        }
    }

    /**
     * Mixes the batch in place: draws lambda and a permutation, mixes {@code x} and {@code w}
     * (when not null), and fills {@code otherLabels} and {@code lambda} for the engine.
     */
    void mixup(float[] x, int[] y, float[] w, int count, int[] otherLabels, float[] lambda) {
        double l = beta(a.mixupAlpha());
        int[] perm = new int[count];
        for (int i = 0; i < count; i++) {
            perm[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int len = bands * frames;
        float[] copy = java.util.Arrays.copyOf(x, count * len);
        float[] wCopy = w == null ? null : java.util.Arrays.copyOf(w, count);
        float lf = (float) l;
        for (int i = 0; i < count; i++) {
            int p = perm[i];
            for (int k = 0; k < len; k++) {
                x[i * len + k] = lf * copy[i * len + k] + (1 - lf) * copy[p * len + k];
            }
            otherLabels[i] = y[p];
            lambda[i] = lf;
            if (w != null) {
                w[i] = lf * wCopy[i] + (1 - lf) * wCopy[p];
            }
        }
    }

    /** A draw of Beta(alpha, alpha) as G1 / (G1 + G2), G ~ Gamma(alpha). */
    private double beta(double alpha) {
        double g1 = gamma(alpha);
        double g2 = gamma(alpha);
        return g1 + g2 > 0 ? g1 / (g1 + g2) : 0.5;
    }

    /** Marsaglia and Tsang's Gamma(alpha, 1) sampler; alpha below 1 by Gamma(alpha + 1) U^(1/alpha). */
    private double gamma(double alpha) {
        if (alpha < 1) {
            return gamma(alpha + 1) * Math.pow(rng.nextDouble(), 1 / alpha);
        }
        double d = alpha - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z;
            double v;
            do {
                z = gaussian();
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private double gaussian() {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
