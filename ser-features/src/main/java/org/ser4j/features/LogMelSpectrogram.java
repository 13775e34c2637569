package org.ser4j.features;

import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.features.dsp.FixedLength;
import org.ser4j.features.dsp.MelFilterbank;
import org.ser4j.features.dsp.MelPowerKernel;
import org.ser4j.features.dsp.PowerToDb;

/**
 * The reference notebook's log-mel spectrogram: {@code librosa.power_to_db(
 * librosa.feature.melspectrogram(y=y, sr=16000, n_mels=128), ref=np.max)} of the clip padded or
 * cut to {@link FeatureConfig#clipSamples()} (after removing leading and trailing silence when
 * {@link FeatureConfig#trimsSilence()}; off by default). Defaults (from {@link FeatureConfig#DEFAULT}):
 * n_fft 2048, hop 512, periodic Hann window, centred zero padding, power 2, 128 Slaney mel bands
 * with Slaney normalisation between 0 Hz and sr/2, amin 1e-10, top_db 80.
 *
 * <p><b>Layout.</b> {@link #extract(float[])} returns {@code nMels * frames} floats (128 x 157 by
 * default), row-major: row = mel band (low to high frequency), column = frame (time), so the value
 * of band {@code m} at frame {@code t} is at index {@code m * frames + t}. Values are dB relative
 * to the clip's maximum, in {@code [-topDb, 0]}; with
 * {@link org.ser4j.core.model.UtteranceNormalization#CMVN} each band is then standardised over the
 * clip's own frames (dimensionless; {@link #melPower} and {@link #powerToDb} stay unnormalised).
 *
 * <p>Immutable and thread-safe: the window, filterbank and FFT tables are built once in the
 * constructor; scratch buffers are per call (the SIMD kernel reuses them through a small pool whose
 * size follows the number of concurrent calls). The mel power comes from the fastest
 * {@link MelPowerKernel} this JVM supports (SIMD when {@code jdk.incubator.vector} is loaded).
 */
public final class LogMelSpectrogram implements FeatureExtractor {
    private final FeatureConfig config;
    private final MelFilterbank filterbank;
    private final MelPowerKernel kernel;

    /**
     * An extractor for a configuration.
     *
     * @param config the parameters (sample rate, clip length, frame, hop, bands, dB range)
     * @throws IllegalArgumentException if {@code config} is null
     */
    public LogMelSpectrogram(FeatureConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        this.filterbank = new MelFilterbank(config.sampleRate(), config.nFft(), config.nMels());
        this.kernel = MelPowerKernel.best(config.nFft(), config.hopLength(), filterbank);
    }

    /**
     * An extractor with an explicit kernel (e.g. {@link MelPowerKernel#portable}), for tests and
     * benchmarks that compare implementations.
     *
     * @param config the configuration
     * @param kernelFactory builds the kernel from nFft, hop and the filterbank
     */
    public LogMelSpectrogram(FeatureConfig config, KernelFactory kernelFactory) {
        if (config == null || kernelFactory == null) {
            throw new IllegalArgumentException("config and kernelFactory must not be null");
        }
        this.config = config;
        this.filterbank = new MelFilterbank(config.sampleRate(), config.nFft(), config.nMels());
        this.kernel = kernelFactory.create(config.nFft(), config.hopLength(), filterbank);
    }

    /** Builds a {@link MelPowerKernel}; {@code MelPowerKernel::portable} and {@code MelPowerKernel::best} fit. */
    @FunctionalInterface
    public interface KernelFactory {
        /**
         * A kernel.
         *
         * @param nFft FFT size in samples
         * @param hopLength hop in samples
         * @param filterbank the filterbank
         * @return the kernel
         */
        MelPowerKernel create(int nFft, int hopLength, MelFilterbank filterbank);
    }

    /**
     * The mel kernel in use.
     *
     * @return {@code "portable"}, or {@code "vector-..."} when the JVM has {@code jdk.incubator.vector}
     */
    public String kernelName() {
        return kernel.name();
    }

    /** An extractor with {@link FeatureConfig#DEFAULT}. */
    public LogMelSpectrogram() {
        this(FeatureConfig.DEFAULT);
    }

    @Override
    public FeatureKind kind() {
        return FeatureKind.LOG_MEL;
    }

    @Override
    public FeatureConfig config() {
        return config;
    }

    @Override
    public int featureLength() {
        return config.nMels() * config.frames();
    }

    /**
     * The mel filterbank in use.
     *
     * @return the filterbank (Slaney scale, Slaney norm), {@code nMels} x {@code 1 + nFft/2}
     */
    public MelFilterbank filterbank() {
        return filterbank;
    }

    /**
     * The mel power spectrogram before dB ({@code librosa.feature.melspectrogram}, power 2), in the
     * same layout as {@link #extract(float[])}: {@code nMels} rows of {@code frames} values, row =
     * mel band. Units: squared magnitude of the unnormalised DFT, weighted by the filterbank.
     *
     * @param samples audio at {@code config().sampleRate()}, finite; silence-trimmed when the
     *     config says so, then padded or cut first
     * @return {@link #featureLength()} values
     * @throws IllegalArgumentException if {@code samples} is null or a kept sample (after
     *     pad/trim) is not finite
     */
    public float[] melPower(float[] samples) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        return melPowerOfTrimmed(ClipInput.silenceTrimmed(samples, config));
    }

    /** {@link #melPower} of samples that are already silence-trimmed (when the config trims). */
    private float[] melPowerOfTrimmed(float[] samples) {
        float[] mel = new float[config.nMels() * config.frames()];
        // a short clip is padded by the kernel itself (no copy); a long one is trimmed first
        float[] y = samples.length <= config.clipSamples() ? samples : ClipInput.fixedLengthUnchecked(samples, config);
        kernel.melPowerPadded(y, config.clipSamples(), mel);
        // Every kept sample lies in some frame and a NaN or infinity poisons that frame's mel
        // values, so scanning the (4x smaller) output replaces a scan of the input.
        int bad = 0;
        for (float v : mel) {
            bad |= (Float.floatToRawIntBits(v) & 0x7f800000) + 0x00800000;
        }
        if (bad < 0) {
            FixedLength.requireFinite(y);
        }
        return mel;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code samples} is null or not finite
     */
    @Override
    public float[] extract(float[] samples) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        float[] trimmed = ClipInput.silenceTrimmed(samples, config);
        float[] mel = melPowerOfTrimmed(trimmed);
        kernel.powerToDb(mel, PowerToDb.DEFAULT_AMIN, config.topDb());
        ClipInput.normalizeUtterance(mel, config.nMels(), trimmed.length, config);
        return mel;
    }

    /**
     * The dB values of a mel power spectrogram from {@link #melPower(float[])}, exactly as
     * {@link #extract(float[])} computes them ({@code ref = max}, amin 1e-10, {@code top_db} from
     * the config). The argument is not modified.
     *
     * @param melPower mel power values
     * @return a new array of dB values, same layout
     */
    public float[] powerToDb(float[] melPower) {
        float[] db = melPower.clone();
        kernel.powerToDb(db, PowerToDb.DEFAULT_AMIN, config.topDb());
        return db;
    }

    @Override
    public float[] extract(AudioClip clip) {
        return extract(ClipInput.atConfigRate(clip, config));
    }
}
