package org.ser4j.features.dsp;

/**
 * Computes a whole mel power spectrogram ({@code librosa.feature.melspectrogram} with power 2,
 * centred STFT, periodic Hann window) for one signal. Two implementations exist: a portable one
 * on {@code PowerSpectrogram} (JTransforms, one frame at a time) and, when the JDK's Vector API
 * module {@code jdk.incubator.vector} is loaded and {@code nFft} is a power of two, a SIMD one that
 * transforms a lane-width batch of frames at once. Both are in double precision and agree with
 * librosa to the same tolerance. Implementations are immutable and thread-safe.
 */
public interface MelPowerKernel {
    /**
     * Writes the mel power spectrogram of {@code signal} into {@code out}, row-major: row = mel
     * band, column = frame, {@code out[m * frames + t]}.
     *
     * @param signal samples (already padded or trimmed by the caller)
     * @param out destination of {@code nMels * (1 + signal.length / hop)} values
     */
    void melPower(float[] signal, float[] out);

    /**
     * {@link #melPower} of {@code signal} zero-padded at the end to {@code length} samples; a kernel
     * may override it to skip materialising the padding.
     *
     * @param signal samples, at most {@code length} of them
     * @param length padded length in samples
     * @param out destination of {@code nMels * (1 + length / hop)} values
     */
    default void melPowerPadded(float[] signal, int length, float[] out) {
        if (signal.length > length) {
            throw new IllegalArgumentException("signal has " + signal.length + " samples, more than the padded length " + length);
        }
        melPower(signal.length == length ? signal : java.util.Arrays.copyOf(signal, length), out);
    }

    /**
     * {@link PowerToDb#inPlace} ({@code ref = max}), for the output of {@link #melPower}; a kernel
     * may override it with a faster equivalent (same result to float rounding).
     *
     * @param values power values; overwritten by dB
     * @param amin floor applied before the logarithm, {@code > 0}
     * @param topDb dynamic range kept below the maximum, dB, {@code > 0}
     */
    default void powerToDb(float[] values, double amin, double topDb) {
        PowerToDb.inPlace(values, amin, topDb);
    }

    /**
     * A short name of the implementation, for logs and benchmarks.
     *
     * @return {@code "portable"} for the JTransforms kernel; for the SIMD one {@code "vector-Lx64"},
     *     {@code L} being the double lanes per vector (e.g. {@code "vector-4x64"} with AVX2)
     */
    String name();

    /**
     * The fastest kernel available in this JVM.
     *
     * @param nFft FFT size in samples
     * @param hopLength hop in samples
     * @param filterbank the mel filterbank ({@code 1 + nFft/2} bins)
     * @return the SIMD kernel when possible, else the portable one
     */
    static MelPowerKernel best(int nFft, int hopLength, MelFilterbank filterbank) {
        MelPowerKernel vector = VectorSupport.vectorKernel(nFft, hopLength, filterbank);
        return vector != null ? vector : portable(nFft, hopLength, filterbank);
    }

    /**
     * The portable kernel (no Vector API).
     *
     * @param nFft FFT size in samples
     * @param hopLength hop in samples
     * @param filterbank the mel filterbank ({@code 1 + nFft/2} bins)
     * @return the kernel
     */
    static MelPowerKernel portable(int nFft, int hopLength, MelFilterbank filterbank) {
        return new PortableMelPowerKernel(nFft, hopLength, filterbank);
    }
}
