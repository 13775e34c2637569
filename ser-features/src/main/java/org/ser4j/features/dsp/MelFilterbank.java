package org.ser4j.features.dsp;

import java.util.Arrays;

/**
 * A triangular mel filterbank, as {@code librosa.filters.mel(sr, n_fft, n_mels, fmin=0.0,
 * fmax=sr/2, htk=False, norm="slaney")}: {@code nMels} triangles whose edges are evenly spaced in
 * mel between {@code fmin} and {@code fmax}, applied to the {@code 1 + nFft/2} STFT bins. With
 * Slaney normalisation each triangle is scaled by {@code 2 / (upper edge Hz - lower edge Hz)} so
 * that every band has (roughly) constant energy per Hz.
 *
 * <p>Weights are float32 exactly as librosa stores them. Each row is non-zero only on a short
 * contiguous range of bins ({@link #start(int)} inclusive to {@link #end(int)} exclusive), which
 * {@link #apply} exploits. Immutable and thread-safe.
 */
public final class MelFilterbank {
    private final int nMels;
    private final int nBins;
    private final float[][] weights;
    private final int[] start;
    private final int[] end;
    private final double[] edgesHz;

    /**
     * librosa's default filterbank: Slaney scale and Slaney normalisation, {@code fmin = 0},
     * {@code fmax = sampleRate / 2}.
     *
     * @param sampleRate sample rate in Hz (16000 in ser4j)
     * @param nFft FFT size in samples (2048)
     * @param nMels number of bands (128)
     */
    public MelFilterbank(int sampleRate, int nFft, int nMels) {
        this(sampleRate, nFft, nMels, 0.0, sampleRate / 2.0, MelScale.SLANEY, true);
    }

    /**
     * A filterbank with every librosa option (package-private: the mel scale is an internal type).
     *
     * @param sampleRate sample rate in Hz, {@code > 0}
     * @param nFft FFT size in samples, {@code > 0}
     * @param nMels number of bands, {@code > 0}
     * @param fminHz lowest band edge in Hz, {@code >= 0}
     * @param fmaxHz highest band edge in Hz, {@code > fminHz}
     * @param scale the mel scale ({@code htk=False} is {@link MelScale#SLANEY})
     * @param slaneyNorm whether to apply {@code norm="slaney"} area normalisation
     */
    MelFilterbank(int sampleRate, int nFft, int nMels, double fminHz, double fmaxHz, MelScale scale, boolean slaneyNorm) {
        if (sampleRate <= 0 || nFft <= 0 || nMels <= 0 || !(fminHz >= 0) || !(fmaxHz > fminHz) || scale == null) {
            throw new IllegalArgumentException("bad mel filterbank parameters: sr=" + sampleRate + " nFft=" + nFft
                    + " nMels=" + nMels + " fmin=" + fminHz + " fmax=" + fmaxHz + " scale=" + scale);
        }
        this.nMels = nMels;
        this.nBins = 1 + nFft / 2;
        // np.fft.rfftfreq(n_fft, d=1/sr): i * (1 / (n_fft * (1/sr)))
        double val = 1.0 / (nFft * (1.0 / sampleRate));
        double[] fftFreqs = new double[nBins];
        for (int i = 0; i < nBins; i++) {
            fftFreqs[i] = i * val;
        }
        // mel_frequencies(n_mels + 2): np.linspace(min_mel, max_mel, n_mels + 2) mapped back to Hz
        int nEdges = nMels + 2;
        double minMel = scale.hzToMel(fminHz);
        double maxMel = scale.hzToMel(fmaxHz);
        double step = (maxMel - minMel) / (nEdges - 1);
        double[] melF = new double[nEdges];
        for (int i = 0; i < nEdges; i++) {
            double mel = i == nEdges - 1 ? maxMel : i * step + minMel;
            melF[i] = scale.melToHz(mel);
        }
        this.edgesHz = melF;
        weights = new float[nMels][nBins];
        start = new int[nMels];
        end = new int[nMels];
        for (int m = 0; m < nMels; m++) {
            double lowerDiff = melF[m + 1] - melF[m];
            double upperDiff = melF[m + 2] - melF[m + 1];
            double enorm = slaneyNorm ? 2.0 / (melF[m + 2] - melF[m]) : 1.0;
            int first = -1;
            int last = -1;
            for (int k = 0; k < nBins; k++) {
                double lower = -(melF[m] - fftFreqs[k]) / lowerDiff;
                double upper = (melF[m + 2] - fftFreqs[k]) / upperDiff;
                // librosa stores max(0, min(lower, upper)) as float32, then multiplies by enorm in
                // float64 and stores float32 again; the double rounding is reproduced on purpose.
                float w = (float) Math.max(0.0, Math.min(lower, upper));
                w = (float) (w * enorm);
                weights[m][k] = w;
                if (w != 0f) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            start[m] = first < 0 ? 0 : first;
            end[m] = first < 0 ? 0 : last + 1;
        }
    }

    /**
     * The {@code nMels + 2} band edges in Hz, evenly spaced in mel: band {@code m} rises from
     * {@code edges[m]}, peaks at {@code edges[m + 1]} and falls to zero at {@code edges[m + 2]}.
     *
     * @return a fresh copy of {@code nMels + 2} frequencies in Hz, ascending from {@code fminHz} to
     *     {@code fmaxHz} (up to rounding)
     */
    public double[] edgesHz() {
        return edgesHz.clone();
    }

    /**
     * Number of mel bands (rows).
     *
     * @return {@code nMels}, {@code > 0}
     */
    public int melBands() {
        return nMels;
    }

    /**
     * Number of STFT bins (columns), {@code 1 + nFft/2}.
     *
     * @return {@code 1 + nFft/2} (1025 for {@code nFft = 2048}); bin {@code k} is
     *     {@code k * sampleRate / nFft} Hz
     */
    public int fftBins() {
        return nBins;
    }

    /**
     * One weight.
     *
     * @param band mel band (row)
     * @param bin STFT bin (column)
     * @return the float32 weight
     */
    public float weight(int band, int bin) {
        return weights[band][bin];
    }

    /**
     * First bin where row {@code band} is non-zero (0 for an all-zero row).
     *
     * @param band mel band (row), {@code 0 <= band < melBands()}
     * @return a bin index in {@code [0, fftBins())}
     * @throws ArrayIndexOutOfBoundsException if {@code band} is out of range
     */
    public int start(int band) {
        return start[band];
    }

    /**
     * One past the last bin where row {@code band} is non-zero ({@code start} for an all-zero row).
     *
     * @param band mel band (row), {@code 0 <= band < melBands()}
     * @return a bin index in {@code [start(band), fftBins()]}; equal to {@code start(band)} (both 0)
     *     when the band has no non-zero weight, which happens when {@code nMels} is large for
     *     {@code nFft}
     * @throws ArrayIndexOutOfBoundsException if {@code band} is out of range
     */
    public int end(int band) {
        return end[band];
    }

    /** Row {@code band} itself, for kernels in this package; never modify it. */
    float[] rowView(int band) {
        return weights[band];
    }

    /**
     * A copy of row {@code band}, {@link #fftBins()} weights.
     *
     * @param band mel band (row), {@code 0 <= band < melBands()}
     * @return a fresh array of {@link #fftBins()} float32 weights, index = STFT bin; zero outside
     *     {@code [start(band), end(band))}
     * @throws ArrayIndexOutOfBoundsException if {@code band} is out of range
     */
    public float[] row(int band) {
        return Arrays.copyOf(weights[band], nBins);
    }

    /**
     * Mel energies of one power-spectrum frame: {@code out[outOffset + m * outStride] = sum_k
     * W[m][k] * power[k]}, summed in double over each row's non-zero range.
     *
     * @param power power spectrum, {@link #fftBins()} values
     * @param out destination
     * @param outOffset index of band 0 in {@code out}
     * @param outStride distance between consecutive bands in {@code out}
     */
    public void apply(double[] power, float[] out, int outOffset, int outStride) {
        for (int m = 0; m < nMels; m++) {
            float[] w = weights[m];
            double acc = 0.0;
            for (int k = start[m], e = end[m]; k < e; k++) {
                acc += w[k] * power[k];
            }
            out[outOffset + m * outStride] = (float) acc;
        }
    }
}
