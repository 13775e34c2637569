package org.ser4j.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.training.corpus.LabelledClip;

/**
 * Per-speaker normalisation of feature rows, for cross-validation only: every row of a clip's
 * input (each mel band; the ZCR row and the RMS row) is standardised by the mean and standard
 * deviation of that row over all frames of all clips of the same speaker
 * ({@link LabelledClip#speakerKey()}), padding frames included (unlike per-utterance
 * normalisation, whose statistics skip them); a row constant over a speaker's clips is only
 * centred. It uses no labels, so a held-out speaker is normalised by its own clips, as a user with several recordings of one voice could. Why CV only: a model
 * trained this way needs its speaker's statistics at inference, which {@code classify(path)} does
 * not have, so no model trained on it is exported.
 */
final class SpeakerNormalization {
    private SpeakerNormalization() {
    }

    /**
     * The normalised copies of the rows (the inputs are not changed).
     *
     * @param rows one feature vector per clip, {@code bands * frames} values, row-major
     * @param clips the clips of the rows, in the same order
     * @param bands rows of one input
     * @return one new vector per clip
     * @throws IllegalArgumentException if the lists differ in size, the rows in length, or a row's
     *     length is not a multiple of {@code bands}
     */
    static List<float[]> apply(List<float[]> rows, List<LabelledClip> clips, int bands) {
        if (rows.size() != clips.size()) {
            throw new IllegalArgumentException(rows.size() + " feature rows for " + clips.size() + " clips");
        }
        if (bands < 1 || (!rows.isEmpty() && rows.get(0).length % bands != 0)) {
            throw new IllegalArgumentException("inputs of " + (rows.isEmpty() ? 0 : rows.get(0).length) + " values do not split into "
                    + bands + " rows");
        }
        for (float[] x : rows) {
            if (x.length != rows.get(0).length) {
                throw new IllegalArgumentException("feature rows differ in length: " + x.length + " and " + rows.get(0).length);
            }
        }
        int len = rows.isEmpty() ? 0 : rows.get(0).length;
        int frames = len / bands;
        Map<String, List<Integer>> bySpeaker = new LinkedHashMap<>();
        for (int i = 0; i < clips.size(); i++) {
            bySpeaker.computeIfAbsent(clips.get(i).speakerKey(), s -> new ArrayList<>()).add(i);
        }
        List<float[]> out = new ArrayList<>(rows);
        for (List<Integer> members : bySpeaker.values()) {
            double[] sum = new double[bands];
            double[] sq = new double[bands];
            for (int i : members) {
                float[] x = rows.get(i);
                for (int b = 0; b < bands; b++) {
                    for (int t = b * frames; t < (b + 1) * frames; t++) {
                        sum[b] += x[t];
                        sq[b] += x[t] * (double) x[t];
                    }
                }
            }
            double n = (double) members.size() * frames;
            float[] mean = new float[bands];
            float[] scale = new float[bands];
            for (int b = 0; b < bands; b++) {
                double m = sum[b] / n;
                double sd = Math.sqrt(Math.max(0, sq[b] / n - m * m));
                mean[b] = (float) m;
                scale[b] = sd < Standardizer.MIN_STD ? 1f : (float) (1 / sd); // a constant row is only centred, as Standardizer does
            }
            for (int i : members) {
                float[] x = rows.get(i);
                float[] y = new float[len];
                for (int b = 0; b < bands; b++) {
                    for (int t = b * frames; t < (b + 1) * frames; t++) {
                        y[t] = (x[t] - mean[b]) * scale[b];
                    }
                }
                out.set(i, y);
            }
        }
        return out;
    }
}
