package org.ser4j.training;

import java.util.SplittableRandom;
import org.ser4j.core.Emotion;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.training.nn.Network;

/**
 * A test-only {@link Network}: multinomial logistic regression trained by plain gradient descent,
 * so that the trainer can be tested without the real engine.
 */
class SoftmaxRegressionNetwork implements Network {
    private final int len;
    private final float[] w; // [6][len] then 6 biases
    private double lr = 0.1;
    int steps;

    SoftmaxRegressionNetwork(int inputLength, long seed) {
        this.len = inputLength;
        this.w = new float[Emotion.COUNT * inputLength + Emotion.COUNT];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < Emotion.COUNT * inputLength; i++) {
            w[i] = (float) (r.nextDouble(-0.01, 0.01));
        }
    }

    @Override
    public FeatureKind kind() {
        return FeatureKind.TIME_DOMAIN;
    }

    @Override
    public int inputLength() {
        return len;
    }

    @Override
    public long parameterCount() {
        return w.length;
    }

    @Override
    public double trainStep(float[] inputs, int[] labels, int n) {
        float[] p = predict(inputs, n);
        float[] grad = new float[w.length];
        double loss = 0;
        int biasOff = Emotion.COUNT * len;
        for (int i = 0; i < n; i++) {
            loss -= Math.log(Math.max(p[i * 6 + labels[i]], 1e-12f));
            for (int c = 0; c < Emotion.COUNT; c++) {
                float g = p[i * 6 + c] - (c == labels[i] ? 1f : 0f);
                for (int j = 0; j < len; j++) {
                    grad[c * len + j] += g * inputs[i * len + j];
                }
                grad[biasOff + c] += g;
            }
        }
        for (int k = 0; k < w.length; k++) {
            w[k] -= (float) (lr * grad[k] / n);
        }
        steps++;
        return loss / n;
    }

    @Override
    public float[] predict(float[] inputs, int n) {
        float[] out = new float[n * Emotion.COUNT];
        int biasOff = Emotion.COUNT * len;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double[] z = new double[Emotion.COUNT];
            for (int c = 0; c < Emotion.COUNT; c++) {
                double s = w[biasOff + c];
                for (int j = 0; j < len; j++) {
                    s += w[c * len + j] * inputs[i * len + j];
                }
                z[c] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int c = 0; c < Emotion.COUNT; c++) {
                z[c] = Math.exp(z[c] - max);
                sum += z[c];
            }
            for (int c = 0; c < Emotion.COUNT; c++) {
                out[i * Emotion.COUNT + c] = (float) (z[c] / sum);
            }
        }
        return out;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.lr = learningRate;
    }

    @Override
    public float[] parameters() {
        return w.clone();
    }

    @Override
    public void loadParameters(float[] parameters) {
        System.arraycopy(parameters, 0, w, 0, w.length);
    }
}
