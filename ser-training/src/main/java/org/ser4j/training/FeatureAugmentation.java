package org.ser4j.training;

/**
 * Training-time augmentation of model inputs, drawn afresh for every mini-batch (validation and
 * exported models are unaffected). Off by default ({@link #NONE}).
 *
 * <ul>
 *   <li><b>SpecAugment</b> (Park et al., 2019) time and frequency masks on the log-mel input
 *       ({@code [1, bands, frames]}, band = row): each of {@code timeMasks} masks sets a run of
 *       {@code 0..maxTimeMaskWidth} frames (uniform width, uniform position) of every band to the
 *       sample's mean value, each of {@code frequencyMasks} masks a run of
 *       {@code 0..maxFrequencyMaskWidth} bands of every frame likewise. The mean (not 0) is used so
 *       that masks mean "no information" both for raw dB inputs and for standardised ones.</li>
 *   <li><b>mixup</b> (Zhang et al., 2018): with {@code mixupAlpha > 0}, each batch draws
 *       {@code lambda ~ Beta(alpha, alpha)} and a permutation {@code pi} of its samples; sample
 *       {@code i} becomes {@code lambda x_i + (1 - lambda) x_pi(i)} with loss
 *       {@code lambda ce(y_i) + (1 - lambda) ce(y_pi(i))} and weight
 *       {@code lambda w_i + (1 - lambda) w_pi(i)}.</li>
 *   <li><b>Time shift</b>: with {@code maxTimeShift > 0}, every sample is moved along its time
 *       axis by {@code s} frames, {@code s} uniform in {@code [-maxTimeShift, maxTimeShift]}:
 *       frame {@code t} of every row takes frame {@code t - s}, and frames shifted in from outside
 *       take that row's smallest value (for the zero-padded clips of the corpora that is silence:
 *       the log-mel floor, zero ZCR, the lowest RMS; for a clip filling the window, its quietest
 *       band value, lowest ZCR and lowest RMS, each row on its own). Each sample draws its own shift.
 *       Frames shifted out are lost, as the window would cut them. Why: the corpora place speech
 *       at different points of the 5 s window (RAVDESS about 1 s in, EmoDB and TESS at once),
 *       and a model trained on them alone learns that position; shifting makes it see every
 *       position. Applied before the masks and mixup. It moves values between positions, so the
 *       inputs must be standardised by one mean and deviation for all of them (or not at all):
 *       {@link TrainingConfig} refuses it with per-feature standardisation.</li>
 * </ul>
 *
 * @param timeMasks number of time masks per sample, at least 0
 * @param maxTimeMaskWidth widest time mask in frames, at least 0
 * @param frequencyMasks number of frequency masks per sample, at least 0
 * @param maxFrequencyMaskWidth widest frequency mask in bands, at least 0
 * @param mixupAlpha the Beta distribution's parameter of mixup, at least 0; 0 = no mixup
 * @param maxTimeShift largest time shift in frames (either way), at least 0; 0 = no shift
 */
public record FeatureAugmentation(int timeMasks, int maxTimeMaskWidth, int frequencyMasks, int maxFrequencyMaskWidth,
        double mixupAlpha, int maxTimeShift) {
    /** No augmentation. */
    public static final FeatureAugmentation NONE = new FeatureAugmentation(0, 0, 0, 0, 0, 0);

    /**
     * Masks and mixup without a time shift.
     *
     * @param timeMasks number of time masks per sample, at least 0
     * @param maxTimeMaskWidth widest time mask in frames, at least 0
     * @param frequencyMasks number of frequency masks per sample, at least 0
     * @param maxFrequencyMaskWidth widest frequency mask in bands, at least 0
     * @param mixupAlpha mixup's Beta parameter, finite and at least 0 (0 = off)
     * @throws IllegalArgumentException as the canonical constructor
     */
    public FeatureAugmentation(int timeMasks, int maxTimeMaskWidth, int frequencyMasks, int maxFrequencyMaskWidth, double mixupAlpha) {
        this(timeMasks, maxTimeMaskWidth, frequencyMasks, maxFrequencyMaskWidth, mixupAlpha, 0);
    }

    /**
     * Checks the arguments.
     *
     * @param timeMasks number of time masks per sample, at least 0
     * @param maxTimeMaskWidth widest time mask in frames, at least 0
     * @param frequencyMasks number of frequency masks per sample, at least 0
     * @param maxFrequencyMaskWidth widest frequency mask in bands, at least 0
     * @param mixupAlpha mixup's Beta parameter, finite and at least 0 (0 = off)
     * @param maxTimeShift largest time shift in frames, at least 0 (0 = off)
     * @throws IllegalArgumentException if a value is negative, or {@code mixupAlpha} is not finite
     */
    public FeatureAugmentation {
        if (maxTimeShift < 0) {
            throw new IllegalArgumentException("the largest time shift must be at least 0 frames, got " + maxTimeShift);
        }
        if (timeMasks < 0 || maxTimeMaskWidth < 0 || frequencyMasks < 0 || maxFrequencyMaskWidth < 0) {
            throw new IllegalArgumentException("mask counts and widths must be at least 0, got " + timeMasks + ", " + maxTimeMaskWidth
                    + ", " + frequencyMasks + ", " + maxFrequencyMaskWidth);
        }
        if (!(mixupAlpha >= 0) || Double.isInfinite(mixupAlpha)) {
            throw new IllegalArgumentException("mixup alpha must be a finite number >= 0, got " + mixupAlpha);
        }
    }

    /**
     * Whether any SpecAugment mask can change an input.
     *
     * @return true when some mask count and its width are both positive
     */
    public boolean masks() {
        return (timeMasks > 0 && maxTimeMaskWidth > 0) || (frequencyMasks > 0 && maxFrequencyMaskWidth > 0);
    }

    /**
     * Whether the time shift is on.
     *
     * @return true when {@code maxTimeShift > 0}
     */
    public boolean shift() {
        return maxTimeShift > 0;
    }

    /**
     * Whether mixup is on.
     *
     * @return true when {@code mixupAlpha > 0}
     */
    public boolean mixup() {
        return mixupAlpha > 0;
    }
}
