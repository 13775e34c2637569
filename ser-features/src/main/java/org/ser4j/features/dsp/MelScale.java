package org.ser4j.features.dsp;

/**
 * Hz to mel conversions, as {@code librosa.hz_to_mel} / {@code librosa.mel_to_hz}.
 *
 * <ul>
 *   <li>{@link #SLANEY} (librosa's default, {@code htk=False}): linear below 1000 Hz,
 *       {@code mel = f / (200/3)}; logarithmic above, {@code mel = 15 + ln(f / 1000) / (ln(6.4) / 27)}.</li>
 *   <li>{@link #HTK}: {@code mel = 2595 log10(1 + f / 700)}.</li>
 * </ul>
 * Frequencies are in Hz, mels in the scale's own units.
 */
enum MelScale {
    /** Slaney's Auditory Toolbox scale (librosa default). */
    SLANEY {
        @Override
        public double hzToMel(double hz) {
            if (hz >= MIN_LOG_HZ) {
                return MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
            }
            return (hz - F_MIN) / F_SP;
        }

        @Override
        public double melToHz(double mel) {
            if (mel >= MIN_LOG_MEL) {
                return MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
            }
            return F_MIN + F_SP * mel;
        }
    },
    /** The HTK formula. */
    HTK {
        @Override
        public double hzToMel(double hz) {
            return 2595.0 * Math.log10(1.0 + hz / 700.0);
        }

        @Override
        public double melToHz(double mel) {
            return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
    };

    private static final double F_MIN = 0.0;
    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = (MIN_LOG_HZ - F_MIN) / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    /**
     * Converts a frequency to mels.
     *
     * @param hz frequency in Hz, {@code >= 0}
     * @return mels
     */
    public abstract double hzToMel(double hz);

    /**
     * Converts mels to a frequency.
     *
     * @param mel mels
     * @return frequency in Hz
     */
    public abstract double melToHz(double mel);
}
