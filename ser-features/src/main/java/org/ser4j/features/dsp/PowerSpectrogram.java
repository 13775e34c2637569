package org.ser4j.features.dsp;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The power STFT as {@code np.abs(librosa.stft(y, n_fft=2048, hop_length=512, window="hann",
 * center=True, pad_mode="constant")) ** 2}: frames of {@code nFft} samples every
 * {@code hopLength} samples from the signal padded with {@code nFft/2} zeros on both sides,
 * multiplied by the periodic Hann window, transformed by a real FFT in double precision, and
 * squared in magnitude. Bin {@code k} is {@code k * sampleRate / nFft} Hz; there are
 * {@code 1 + nFft/2} bins and {@code 1 + length/hopLength} frames. Units: the squared magnitude of
 * the unnormalised DFT of the input samples.
 *
 * <p>The window and FFT plan are built once; {@link #framePower} only reads them, so one
 * instance may be shared across threads as long as each thread passes its own scratch arrays.
 */
final class PowerSpectrogram {
    private final int nFft;
    private final int hopLength;
    private final double[] window;
    private final DoubleFFT_1D fft;

    /**
     * A power STFT.
     *
     * @param nFft FFT size and window length in samples, even and {@code >= 2} (librosa default 2048)
     * @param hopLength hop in samples, {@code > 0} (librosa default 512)
     */
    public PowerSpectrogram(int nFft, int hopLength) {
        if (nFft < 2 || nFft % 2 != 0 || hopLength <= 0) {
            throw new IllegalArgumentException("need an even nFft >= 2 and a positive hop, got " + nFft + ", " + hopLength);
        }
        this.nFft = nFft;
        this.hopLength = hopLength;
        this.window = HannWindow.periodic(nFft);
        this.fft = new DoubleFFT_1D(nFft);
    }

    /**
     * FFT size in samples.
     *
     * @return the FFT size, which is also the frame and window length, in samples (even, {@code >= 2})
     */
    public int nFft() {
        return nFft;
    }

    /**
     * Hop in samples.
     *
     * @return distance between frame starts in samples, {@code > 0}
     */
    public int hopLength() {
        return hopLength;
    }

    /**
     * Number of frequency bins, {@code 1 + nFft/2}.
     *
     * @return {@code 1 + nFft/2} (1025 for {@code nFft = 2048}), from 0 Hz to the Nyquist frequency
     */
    public int bins() {
        return 1 + nFft / 2;
    }

    /**
     * Number of frames for a signal of {@code length} samples, {@code 1 + length / hopLength}.
     *
     * @param length signal length in samples, before the centring padding, {@code >= 0}
     * @return {@code 1 + length / hopLength} (157 for 80,080 samples at hop 512)
     * @throws IllegalArgumentException if {@code length < 0}
     */
    public int frames(int length) {
        return Framing.centeredFrameCount(length, hopLength);
    }

    /**
     * The power spectrum of one frame.
     *
     * @param signal the (unpadded) signal
     * @param frame frame index in {@code [0, frames(signal.length))}
     * @param scratch work array of at least {@code nFft} doubles (overwritten)
     * @param power destination of {@link #bins()} values
     */
    public void framePower(float[] signal, int frame, double[] scratch, double[] power) {
        Framing.copyFrame(signal, frame, nFft, hopLength, Framing.PadMode.CONSTANT, scratch);
        double[] w = window;
        for (int i = 0; i < nFft; i++) {
            scratch[i] *= w[i];
        }
        fft.realForward(scratch);
        int half = nFft / 2;
        power[0] = scratch[0] * scratch[0];
        power[half] = scratch[1] * scratch[1];
        for (int k = 1; k < half; k++) {
            double re = scratch[2 * k];
            double im = scratch[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }

    /**
     * The whole power spectrogram, frame-major: {@code result[t * bins() + k]} is bin {@code k}
     * of frame {@code t}, as float32 (librosa's dtype).
     *
     * @param signal the signal
     * @return {@code frames(signal.length) * bins()} values
     */
    public float[] compute(float[] signal) {
        int frames = frames(signal.length);
        int bins = bins();
        float[] out = new float[frames * bins];
        double[] scratch = new double[nFft];
        double[] power = new double[bins];
        for (int t = 0; t < frames; t++) {
            framePower(signal, t, scratch, power);
            for (int k = 0; k < bins; k++) {
                out[t * bins + k] = (float) power[k];
            }
        }
        return out;
    }
}
