package org.ser4j.training;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.features.dsp.SilenceTrim;

/**
 * Waveform augmentation: {@code copies} extra training copies of every training clip, each a
 * perturbed version of the clip's decoded audio whose features are extracted (and cached) like
 * the original's. Held-out, validation and test clips are never augmented, and neither is what
 * {@code classify} sees: this changes the training data only, not the model's feature pipeline.
 * Off by default ({@link #NONE}).
 *
 * <p>Copy {@code j} (0-based) of a clip is made in this order:
 * <ol>
 *   <li><b>time shift</b>: a whole number of samples drawn uniformly from
 *       {@code [-maxShiftSeconds, +maxShiftSeconds]} at the clip's own rate; a positive shift
 *       delays the speech (zeros in front, the end cut by as many samples), a negative one drops
 *       that many samples from the start (zeros at the end), so the clip keeps its length and
 *       the speech moves inside the model's 5 s window;</li>
 *   <li>or, instead of the random shift, <b>lead-in placement</b> ({@code maxLeadInSeconds > 0}):
 *       the speech onset (the first frame less than {@value #LEAD_IN_TOP_DB} dB below the
 *       clip's loudest, as {@link SilenceTrim} finds it: frame 2048, hop 512 at the clip's rate)
 *       is moved to a lead-in drawn uniformly from {@code [0, maxLeadInSeconds]} s: what
 *       precedes the onset is cut (the room noise nearest the speech kept) or zeros are put in
 *       front. Unlike the shift, the copy does not keep its length: it grows or shrinks by the
 *       change of lead-in and its end is never cut (the extractor pads or cuts every clip to the
 *       model's window anyway). Corpora differ in how much silence precedes the speech
 *       (RAVDESS about 0.8 s, EmoDB and TESS almost none); placing the onset anywhere in one
 *       range for every corpus takes that cue away from the model. The lead-in is placed before
 *       the speed change, so a copy at speed {@code f} has a lead-in of up to
 *       {@code maxLeadInSeconds / f} s once resampled;</li>
 *   <li><b>gain</b>: every sample times {@code 10^(g / 20)}, {@code g} uniform in
 *       {@code [-maxGainDb, +maxGainDb]} dB (not clipped: features are computed in floats; the
 *       log-mel input, in dB relative to its maximum, is all but unchanged by gain, the RMS of the
 *       time model is not);</li>
 *   <li><b>noise</b>: white Gaussian noise at a signal-to-noise ratio uniform in
 *       {@code [minSnrDb, maxSnrDb]} dB, relative to the mean power of the whole clip (a silent
 *       clip gets none); off when {@link #noise()} is false;</li>
 *   <li><b>speed</b> (Kaldi-style speed perturbation, Ko et al. 2015): factor
 *       {@code speeds[j % speeds.size()]}; the samples are relabelled as recorded at
 *       {@code round(rate * factor)} Hz, so the extractor's resampler to the model rate plays
 *       them {@code factor} times as fast, tempo and pitch together (0.9 = slower and lower);
 *       1.0 leaves the clip's speed alone.</li>
 * </ol>
 * With {@link #reverb()} enabled, the copy is reverberated ({@link RoomReverb}: a synthetic room
 * impulse response, RT60 and direct-to-reverberant ratio drawn per copy) after the shift or
 * lead-in and before the gain, so the noise that follows is not reverberated, as a microphone's
 * own noise is not.
 *
 * <p>The draws come from a generator seeded by the run's seed, the copy index and the decoded
 * samples themselves, so copy {@code j} of a clip is the same in every run, fold and thread
 * count, whatever the file is called.
 *
 * <p>How the copies are used: by default every copy joins every epoch (an epoch then has
 * {@code 1 + copies} times as many steps); with {@code onePerEpoch}, each epoch visits every
 * clip once, as its original or one of its copies drawn uniformly by the seeded shuffle, so an
 * epoch costs what it costs without augmentation.
 *
 * @param copies extra copies per training clip, 0 to 16; 0 = off
 * @param speeds speed factors, cycled over the copies, each in [0.5, 2]; not empty when
 *     {@code copies > 0}
 * @param maxShiftSeconds widest time shift in seconds, in [0, 5]
 * @param maxGainDb widest gain change in dB, in [0, 40]
 * @param minSnrDb lowest signal-to-noise ratio of the added noise, in dB
 * @param maxSnrDb highest signal-to-noise ratio of the added noise, in dB; both
 *     {@link Double#POSITIVE_INFINITY} = no noise, otherwise finite with
 *     {@code -20 <= minSnrDb <= maxSnrDb <= 100}
 * @param onePerEpoch each epoch sees one variant of every clip (the original or a copy) instead
 *     of all of them
 * @param maxLeadInSeconds widest lead-in before the speech onset in seconds, in [0, 5]; 0 = off;
 *     when positive, {@code maxShiftSeconds} must be 0
 * @param reverb synthetic room reverberation of each copy; not null ({@link RoomReverb#NONE} = off)
 */
public record WaveformAugmentation(int copies, List<Double> speeds, double maxShiftSeconds, double maxGainDb,
        double minSnrDb, double maxSnrDb, boolean onePerEpoch, double maxLeadInSeconds, RoomReverb reverb) {
    /** No waveform augmentation. */
    public static final WaveformAugmentation NONE = new WaveformAugmentation(0, List.of(1.0), 0, 0,
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false);
    /** Threshold of the onset that lead-in placement moves, in dB below the clip's loudest frame. */
    public static final double LEAD_IN_TOP_DB = 40;
    /** Frame length in samples (at the clip's own rate) of the onset detector. */
    public static final int LEAD_IN_FRAME = 2048;
    /** Hop in samples (at the clip's own rate) of the onset detector. */
    public static final int LEAD_IN_HOP = 512;
    /** Most copies per clip (each costs a full feature set of memory and an epoch's share of time). */
    public static final int MAX_COPIES = 16;

    /**
     * Checks the arguments and copies the speed list.
     *
     * @param copies extra copies per training clip, 0 to {@value #MAX_COPIES}
     * @param speeds speed factors in [0.5, 2], cycled over the copies; not null or empty
     * @param maxShiftSeconds widest shift in seconds, in [0, 5]
     * @param maxGainDb widest gain change in dB, in [0, 40]
     * @param minSnrDb lowest noise SNR in dB
     * @param maxSnrDb highest noise SNR in dB; both infinite = no noise, otherwise
     *     {@code -20 <= minSnrDb <= maxSnrDb <= 100}
     * @param onePerEpoch one variant of every clip per epoch instead of all of them
     * @param maxLeadInSeconds widest lead-in before the onset in seconds, in [0, 5]; 0 = off
     * @param reverb reverberation of each copy; not null ({@link RoomReverb#NONE} = off)
     * @throws IllegalArgumentException if a value is out of range (NaN included), the speed list
     *     is null, empty or holds a null, both a shift and a lead-in are asked for, or
     *     {@code reverb} is null
     */
    public WaveformAugmentation {
        if (reverb == null) {
            throw new IllegalArgumentException("the reverberation must not be null: use RoomReverb.NONE for none");
        }
        if (copies < 0 || copies > MAX_COPIES) {
            throw new IllegalArgumentException("waveform copies must be in 0.." + MAX_COPIES + ", got " + copies);
        }
        if (speeds == null || speeds.isEmpty() || speeds.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("speed factors must be a non-empty list of numbers, got " + speeds);
        }
        speeds = List.copyOf(speeds);
        for (double s : speeds) {
            if (!(s >= 0.5 && s <= 2)) {
                throw new IllegalArgumentException("speed factors must be in [0.5, 2], got " + s);
            }
        }
        if (!(maxShiftSeconds >= 0 && maxShiftSeconds <= 5)) {
            throw new IllegalArgumentException("the widest time shift must be in [0, 5] s, got " + maxShiftSeconds);
        }
        if (!(maxLeadInSeconds >= 0 && maxLeadInSeconds <= 5)) {
            throw new IllegalArgumentException("the widest lead-in must be in [0, 5] s, got " + maxLeadInSeconds);
        }
        if (maxLeadInSeconds > 0 && maxShiftSeconds > 0) {
            throw new IllegalArgumentException("a random time shift and lead-in placement both move the speech: ask for one, got shift "
                    + maxShiftSeconds + " s and lead-in " + maxLeadInSeconds + " s");
        }
        if (!(maxGainDb >= 0 && maxGainDb <= 40)) {
            throw new IllegalArgumentException("the widest gain change must be in [0, 40] dB, got " + maxGainDb);
        }
        boolean off = minSnrDb == Double.POSITIVE_INFINITY && maxSnrDb == Double.POSITIVE_INFINITY;
        if (!off && !(minSnrDb >= -20 && minSnrDb <= maxSnrDb && maxSnrDb <= 100)) {
            throw new IllegalArgumentException("the noise SNR range must satisfy -20 <= min <= max <= 100 dB (or be off), got "
                    + minSnrDb + ".." + maxSnrDb);
        }
    }

    /**
     * Waveform augmentation without reverberation.
     *
     * @param copies extra copies per training clip, 0 to {@value #MAX_COPIES}
     * @param speeds speed factors in [0.5, 2], cycled over the copies; not null or empty
     * @param maxShiftSeconds widest shift in seconds, in [0, 5]
     * @param maxGainDb widest gain change in dB, in [0, 40]
     * @param minSnrDb lowest noise SNR in dB
     * @param maxSnrDb highest noise SNR in dB; both infinite = no noise
     * @param onePerEpoch one variant of every clip per epoch instead of all of them
     * @param maxLeadInSeconds widest lead-in before the onset in seconds, in [0, 5]; 0 = off
     * @throws IllegalArgumentException as the canonical constructor
     */
    public WaveformAugmentation(int copies, List<Double> speeds, double maxShiftSeconds, double maxGainDb, double minSnrDb,
            double maxSnrDb, boolean onePerEpoch, double maxLeadInSeconds) {
        this(copies, speeds, maxShiftSeconds, maxGainDb, minSnrDb, maxSnrDb, onePerEpoch, maxLeadInSeconds, RoomReverb.NONE);
    }

    /**
     * Waveform augmentation without lead-in placement or reverberation.
     *
     * @param copies extra copies per training clip, 0 to {@value #MAX_COPIES}
     * @param speeds speed factors in [0.5, 2], cycled over the copies; not null or empty
     * @param maxShiftSeconds widest shift in seconds, in [0, 5]
     * @param maxGainDb widest gain change in dB, in [0, 40]
     * @param minSnrDb lowest noise SNR in dB
     * @param maxSnrDb highest noise SNR in dB; both infinite = no noise
     * @param onePerEpoch one variant of every clip per epoch instead of all of them
     * @throws IllegalArgumentException as the canonical constructor
     */
    public WaveformAugmentation(int copies, List<Double> speeds, double maxShiftSeconds, double maxGainDb, double minSnrDb,
            double maxSnrDb, boolean onePerEpoch) {
        this(copies, speeds, maxShiftSeconds, maxGainDb, minSnrDb, maxSnrDb, onePerEpoch, 0, RoomReverb.NONE);
    }

    /**
     * Speed perturbation alone: one copy per factor.
     *
     * @param factors the speed factors, each in [0.5, 2]; at most {@value #MAX_COPIES}
     * @return {@code factors.length} copies, no shift, gain or noise, every copy in every epoch
     * @throws IllegalArgumentException if a factor is out of range or there are none or too many
     */
    public static WaveformAugmentation speeds(double... factors) {
        return new WaveformAugmentation(factors.length, Arrays.stream(factors).boxed().toList(), 0, 0,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false);
    }

    /**
     * Variants of a clip that one epoch chooses from.
     *
     * @return {@code 1 + copies} with {@link #onePerEpoch()}, otherwise 1 (every row is visited)
     */
    public int variantsPerEpochDraw() {
        return onePerEpoch && copies > 0 ? 1 + copies : 1;
    }

    /**
     * Whether any copies are made.
     *
     * @return true when {@code copies > 0}
     */
    public boolean enabled() {
        return copies > 0;
    }

    /**
     * Whether noise is added.
     *
     * @return true when the SNR range is finite
     */
    public boolean noise() {
        return Double.isFinite(maxSnrDb);
    }

    /**
     * The speed factor of copy {@code copy}.
     *
     * @param copy the copy index, at least 0
     * @return {@code speeds().get(copy % speeds().size())}
     */
    public double speedOf(int copy) {
        return speeds.get(copy % speeds.size());
    }

    /**
     * Copy {@code copy} of a clip.
     *
     * @param clip the decoded clip; not modified
     * @param copy which copy, in {@code [0, copies)}
     * @param seed the run's seed
     * @return a new clip at {@code round(rate * speedOf(copy))} Hz: the same length, or with
     *     lead-in placement the length changed by the change of lead-in
     * @throws IllegalArgumentException if {@code copy} is out of range or a sample is not finite
     */
    public AudioClip apply(AudioClip clip, int copy, long seed) {
        if (copy < 0 || copy >= copies) {
            throw new IllegalArgumentException("copy " + copy + " is not in 0.." + (copies - 1));
        }
        float[] x = clip.samples();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("sample " + i + " of the clip is not finite: " + x[i]);
            }
        }
        int rate = clip.sampleRate();
        SplittableRandom random = new SplittableRandom(mix(seed, copy, Arrays.hashCode(x), rate));
        int n = x.length;
        int shift;
        if (maxLeadInSeconds > 0) {
            int onset = SilenceTrim.range(x, LEAD_IN_TOP_DB, LEAD_IN_FRAME, LEAD_IN_HOP)[0];
            int maxLeadIn = (int) Math.round(maxLeadInSeconds * rate);
            shift = random.nextInt(0, maxLeadIn + 1) - onset;
            // the whole clip from its onset on is kept, its end never cut: n + shift >= n - onset > 0
            n = x.length + shift;
        } else {
            int maxShift = (int) Math.round(maxShiftSeconds * rate);
            shift = maxShift == 0 ? 0 : random.nextInt(-maxShift, maxShift + 1);
        }
        float[] y = new float[n];
        int from = Math.max(0, -shift); // first sample kept
        int to = Math.max(0, shift); // where it lands
        int count = Math.min(x.length - from, n - to);
        if (count > 0) {
            System.arraycopy(x, from, y, to, count);
        }
        if (reverb.enabled()) {
            y = reverb.apply(y, rate, random);
        }
        if (maxGainDb > 0) {
            float gain = (float) Math.pow(10, random.nextDouble(-maxGainDb, Math.nextUp(maxGainDb)) / 20);
            for (int i = 0; i < n; i++) {
                y[i] *= gain;
            }
        }
        if (noise()) {
            double power = 0;
            for (float v : y) {
                power += (double) v * v;
            }
            power /= Math.max(1, n);
            double snr = minSnrDb == maxSnrDb ? minSnrDb : random.nextDouble(minSnrDb, maxSnrDb);
            double sigma = Math.sqrt(power / Math.pow(10, snr / 10));
            if (sigma > 0) {
                for (int i = 0; i < n; i++) {
                    y[i] += (float) (sigma * random.nextGaussian());
                }
            }
        }
        int newRate = (int) Math.round(rate * speedOf(copy));
        return new AudioClip(y, newRate);
    }

    /**
     * What copy {@code copy} is, for cache keys and reports: the speed, shift (or lead-in), gain
     * and noise settings and the seed, formatted in {@link Locale#ROOT}.
     *
     * @param copy the copy index, at least 0
     * @param seed the run's seed
     * @return one line; equal for equal settings, copy index and seed
     */
    public String describeCopy(int copy, long seed) {
        return String.format(Locale.ROOT, "waveform-augmentation v1 copy=%d speed=%s shift<=%ss gain<=%sdB snr=%s seed=%d%s", copy,
                Double.toString(speedOf(copy)), Double.toString(maxShiftSeconds), Double.toString(maxGainDb),
                noise() ? minSnrDb + ".." + maxSnrDb : "off", seed, maxLeadInSeconds > 0
                        ? " lead-in<=" + maxLeadInSeconds + "s@" + LEAD_IN_TOP_DB + "dB/" + LEAD_IN_FRAME + "/" + LEAD_IN_HOP + " untrimmed"
                        : "")
                + (reverb.enabled() ? " " + reverb.describe() + " v1" : "");
    }

    /**
     * The settings in one line, for reports and model metadata.
     *
     * @return e.g. {@code "2 copies; speeds 0.9,1.1; shift <= 0.25 s; gain <= 6 dB; noise 10..30 dB SNR"}, followed by
     *     {@code "; speech onset placed 0..1.2 s in"} with a lead-in, {@code "; reverb RT60 0.2..0.8 s, DRR 0.0..12.0 dB"}
     *     with reverberation and {@code "; one variant per clip per epoch"} with {@link #onePerEpoch()}
     */
    public String describe() {
        return String.format(Locale.ROOT, "%d copies; speeds %s; shift <= %s s; gain <= %s dB; noise %s%s%s%s", copies,
                speeds.stream().map(d -> Double.toString(d)).collect(Collectors.joining(",")), Double.toString(maxShiftSeconds),
                Double.toString(maxGainDb), noise() ? minSnrDb + ".." + maxSnrDb + " dB SNR" : "off",
                maxLeadInSeconds > 0 ? "; speech onset placed 0.." + maxLeadInSeconds + " s in" : "",
                reverb.enabled() ? "; " + reverb.describe() : "",
                onePerEpoch ? "; one variant per clip per epoch" : "");
    }

    private static long mix(long seed, int copy, int contentHash, int rate) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= (copy + 1L) * 0xC2B2AE3D27D4EB4FL;
        h ^= (((long) contentHash) << 32) ^ rate;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }
}
