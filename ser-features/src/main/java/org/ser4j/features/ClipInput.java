package org.ser4j.features;

import java.util.Arrays;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.Resampler;
import org.ser4j.features.dsp.FixedLength;
import org.ser4j.features.dsp.RowNormalization;
import org.ser4j.features.dsp.SilenceTrim;

/** Input preparation shared by the extractors: rate conversion, checks and pad/trim. */
final class ClipInput {
    private ClipInput() {
    }

    /**
     * Seconds of source audio kept beyond the clip length before resampling: more than half the
     * longest resampling filter (57 ms, from 1 kHz), so the samples kept are the same, bit for bit,
     * as when the whole recording is resampled.
     */
    static final double RESAMPLE_MARGIN_SECONDS = 0.25;

    /**
     * The clip's samples at the config's rate; skips the resampler when the rate already matches.
     * Only the start that the fixed length (or, with silence trimming, the trimming span) keeps,
     * plus {@link #RESAMPLE_MARGIN_SECONDS}, is resampled, so an hour-long recording costs what a 5-second one does.
     */
    static float[] atConfigRate(AudioClip clip, FeatureConfig config) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        if (clip.sampleRate() == config.sampleRate()) {
            return clip.samples();
        }
        // with trimming, the extractor looks at the first trimSpanSamples (twice the clip)
        int kept = config.trimsSilence() ? config.trimSpanSamples() : config.clipSamples();
        long needed = (long) Math.ceil((kept / (double) config.sampleRate() + RESAMPLE_MARGIN_SECONDS)
                * clip.sampleRate());
        AudioClip source = clip.length() > needed
                ? new AudioClip(Arrays.copyOf(clip.samples(), (int) needed), clip.sampleRate())
                : clip;
        return Resampler.resample(source, config.sampleRate()).samples();
    }

    /**
     * Pads or trims the samples to {@code config.clipSamples()}; a clip that already has that
     * length is returned as is (the extractors never write to their input). No finiteness scan:
     * the extractors detect NaN and infinity in their own outputs (RMS sums, mel values) and only
     * then locate the offending sample.
     */
    static float[] fixedLengthUnchecked(float[] samples, FeatureConfig config) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        return samples.length == config.clipSamples() ? samples : FixedLength.padOrTrim(samples, config.clipSamples());
    }

    /**
     * The samples without leading and trailing silence when the config trims it
     * ({@link FeatureConfig#trimsSilence()}), looking at the first
     * {@link FeatureConfig#trimSpanSamples()} only; otherwise the samples themselves. The result is
     * not longer than the span, so a long recording costs what a 10-second one does.
     *
     * @throws IllegalArgumentException if a sample of the span is not finite (trimming compares
     *     frame energies, so it has to look at every one)
     */
    static float[] silenceTrimmed(float[] samples, FeatureConfig config) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (!config.trimsSilence()) {
            return samples;
        }
        float[] span = samples.length <= config.trimSpanSamples() ? samples : Arrays.copyOf(samples, config.trimSpanSamples());
        int[] range;
        try {
            range = SilenceTrim.range(span, config.trimTopDb(), config.nFft(), config.hopLength());
        } catch (IllegalArgumentException e) {
            FixedLength.requireFinite(span);
            throw e;
        }
        return range[0] == 0 && range[1] == span.length ? span : Arrays.copyOfRange(span, range[0], range[1]);
    }

    /**
     * Applies the config's per-utterance normalisation to extracted features in place (nothing
     * for {@code NONE}): rows of {@link FeatureConfig#frames()} values, statistics over the frames
     * of the clip's own samples.
     *
     * @param features the extractor's output, {@code rows x frames}
     * @param rows mel bands, or 2 (ZCR, RMS)
     * @param ownSamples length of the (trimmed) samples before padding or cutting
     */
    static void normalizeUtterance(float[] features, int rows, int ownSamples, FeatureConfig config) {
        if (!config.normalizesUtterances()) {
            return;
        }
        int frames = config.frames();
        int active = RowNormalization.activeFrames(Math.min(ownSamples, config.clipSamples()), config.hopLength(), frames);
        RowNormalization.cmvn(features, rows, frames, active);
    }
}
