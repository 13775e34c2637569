package org.ser4j.features.dsp;

/**
 * The Hann window as librosa's STFT uses it: {@code scipy.signal.get_window("hann", n,
 * fftbins=True)}, the <em>periodic</em> form {@code w[i] = 0.5 - 0.5 cos(2 pi i / n)}, so that
 * overlapping windows at hop {@code n/4} sum to a constant.
 */
final class HannWindow {
    private HannWindow() {
    }

    /**
     * The periodic Hann window of {@code length} samples (default in librosa: n_fft = 2048).
     *
     * @param length window length in samples, {@code > 0}
     * @return a new array; {@code w[0] = 0}, {@code w[length/2] = 1}
     */
    public static double[] periodic(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("window length must be positive, got " + length);
        }
        double[] w = new double[length];
        for (int i = 0; i < length; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / length);
        }
        return w;
    }
}
