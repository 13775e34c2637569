package org.ser4j.training;

import java.util.Locale;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Synthetic room reverberation, one step of {@link WaveformAugmentation}: the clip is convolved
 * with a random room impulse response, so the models hear the same voice through rooms they were
 * not recorded in (the corpora we train on are all close-talk studio recordings; the voices
 * {@code classify} meets are often not).
 *
 * <p>The impulse response is the usual statistical model of a diffuse late field (as in
 * Lehmann and Johansson's and Kaldi's simulated-RIR augmentation): a unit direct path at sample 0
 * followed by Gaussian noise under an exponential envelope that falls by 60 dB over the
 * reverberation time {@code RT60}: {@code h[k] = a * N(0, 1) * 10^(-3 k / (RT60 * rate))} for
 * {@code 1 <= k <= ceil(RT60 * rate)}. The gain {@code a} sets the direct-to-reverberant ratio:
 * the tail's energy {@code sum h[k]^2} is {@code 10^(-DRR / 10)} times the direct path's. RT60
 * (seconds) and DRR (dB) are drawn uniformly from their ranges for every copy. The output is the
 * linear convolution cut to the clip's length (the tail past the end is dropped: the extractor
 * pads or cuts every clip to the model's window anyway) and scaled to the input's RMS, so
 * reverberation changes the sound, not the level ({@link WaveformAugmentation}'s gain step does
 * that). The convolution is computed by FFT in double precision.
 *
 * <p>Off ({@link #NONE}) when both RT60 bounds are 0. Immutable and thread-safe.
 *
 * @param minRt60Seconds shortest reverberation time in seconds; 0 with {@code maxRt60Seconds}
 *     0 = off, otherwise in [{@value #MIN_RT60}, {@value #MAX_RT60}]
 * @param maxRt60Seconds longest reverberation time in seconds, at least {@code minRt60Seconds},
 *     at most {@value #MAX_RT60}
 * @param minDrrDb lowest direct-to-reverberant ratio in dB, in [{@value #MIN_DRR_DB},
 *     {@value #MAX_DRR_DB}] (lower = more reverberant)
 * @param maxDrrDb highest direct-to-reverberant ratio in dB, at least {@code minDrrDb}, at most
 *     {@value #MAX_DRR_DB}
 */
public record RoomReverb(double minRt60Seconds, double maxRt60Seconds, double minDrrDb, double maxDrrDb) {
    /** No reverberation. */
    public static final RoomReverb NONE = new RoomReverb(0, 0, 0, 0);
    /** Shortest reverberation time accepted, in seconds (a small office is about 0.3 s). */
    public static final double MIN_RT60 = 0.05;
    /** Longest reverberation time accepted, in seconds (a large hall is about 2 s). */
    public static final double MAX_RT60 = 2.0;
    /** Lowest direct-to-reverberant ratio accepted, in dB. */
    public static final double MIN_DRR_DB = -10;
    /** Highest direct-to-reverberant ratio accepted, in dB. */
    public static final double MAX_DRR_DB = 30;
    /** Default lowest direct-to-reverberant ratio, in dB (a talker a few metres away). */
    public static final double DEFAULT_MIN_DRR_DB = 0;
    /** Default highest direct-to-reverberant ratio, in dB (a talker near the microphone). */
    public static final double DEFAULT_MAX_DRR_DB = 12;

    /**
     * Checks the ranges.
     *
     * @param minRt60Seconds shortest RT60 in seconds, 0 (with the longest 0) for off
     * @param maxRt60Seconds longest RT60 in seconds
     * @param minDrrDb lowest DRR in dB
     * @param maxDrrDb highest DRR in dB
     * @throws IllegalArgumentException if a value is out of range or not a number, or a minimum
     *     exceeds its maximum
     */
    public RoomReverb {
        boolean off = minRt60Seconds == 0 && maxRt60Seconds == 0;
        if (!off && !(minRt60Seconds >= MIN_RT60 && minRt60Seconds <= maxRt60Seconds && maxRt60Seconds <= MAX_RT60)) {
            throw new IllegalArgumentException("the reverberation time range must satisfy " + MIN_RT60 + " <= min <= max <= " + MAX_RT60
                    + " s (or both 0 for off), got " + minRt60Seconds + ".." + maxRt60Seconds);
        }
        if (!(minDrrDb >= MIN_DRR_DB && minDrrDb <= maxDrrDb && maxDrrDb <= MAX_DRR_DB)) {
            throw new IllegalArgumentException("the direct-to-reverberant ratio range must satisfy " + MIN_DRR_DB + " <= min <= max <= "
                    + MAX_DRR_DB + " dB, got " + minDrrDb + ".." + maxDrrDb);
        }
    }

    /**
     * Reverberation with RT60 in a range and the default DRR range
     * ({@value #DEFAULT_MIN_DRR_DB}..{@value #DEFAULT_MAX_DRR_DB} dB).
     *
     * @param minRt60Seconds shortest RT60 in seconds, in [{@value #MIN_RT60}, {@value #MAX_RT60}]
     * @param maxRt60Seconds longest RT60 in seconds, at least the shortest
     * @return the reverberation
     * @throws IllegalArgumentException if the range is out of bounds
     */
    public static RoomReverb rt60(double minRt60Seconds, double maxRt60Seconds) {
        return new RoomReverb(minRt60Seconds, maxRt60Seconds, DEFAULT_MIN_DRR_DB, DEFAULT_MAX_DRR_DB);
    }

    /**
     * Whether reverberation is applied.
     *
     * @return false for {@link #NONE}
     */
    public boolean enabled() {
        return maxRt60Seconds > 0;
    }

    /**
     * The settings in one line, for reports and cache keys.
     *
     * @return e.g. {@code "reverb RT60 0.2..0.8 s, DRR 0.0..12.0 dB"}, or {@code "reverb off"}
     */
    public String describe() {
        return enabled()
                ? String.format(Locale.ROOT, "reverb RT60 %s..%s s, DRR %s..%s dB", Double.toString(minRt60Seconds),
                        Double.toString(maxRt60Seconds), Double.toString(minDrrDb), Double.toString(maxDrrDb))
                : "reverb off";
    }

    /**
     * A reverberated version of {@code x}: draws RT60 and DRR, builds the impulse response and
     * convolves.
     *
     * @param x the samples; not modified
     * @param rate their sample rate in Hz, positive
     * @param random the copy's generator (two draws for the ranges, then one Gaussian per tap)
     * @return a new array of {@code x.length} samples at the RMS of {@code x}
     */
    float[] apply(float[] x, int rate, SplittableRandom random) {
        double rt60 = minRt60Seconds == maxRt60Seconds ? minRt60Seconds : random.nextDouble(minRt60Seconds, maxRt60Seconds);
        double drr = minDrrDb == maxDrrDb ? minDrrDb : random.nextDouble(minDrrDb, maxDrrDb);
        float[] h = impulseResponse(rt60, drr, rate, random);
        float[] y = convolve(x, h, x.length);
        double inEnergy = energy(x);
        double outEnergy = energy(y);
        if (outEnergy > 0) {
            float scale = (float) Math.sqrt(inEnergy / outEnergy);
            for (int i = 0; i < y.length; i++) {
                y[i] *= scale;
            }
        }
        return y;
    }

    /**
     * The impulse response: 1 at sample 0, then {@code ceil(rt60 * rate)} taps of Gaussian noise
     * under a 60 dB-per-RT60 envelope, scaled so the tail's energy is {@code 10^(-drrDb / 10)}.
     */
    static float[] impulseResponse(double rt60, double drrDb, int rate, SplittableRandom random) {
        int taps = (int) Math.ceil(rt60 * rate);
        double[] tail = new double[taps];
        double decay = Math.pow(10, -3.0 / (rt60 * rate)); // per sample: the amplitude falls 60 dB over RT60
        double envelope = 1;
        double energy = 0;
        for (int k = 1; k <= taps; k++) {
            envelope *= decay;
            double v = random.nextGaussian() * envelope;
            tail[k - 1] = v;
            energy += v * v;
        }
        double gain = energy > 0 ? Math.sqrt(Math.pow(10, -drrDb / 10) / energy) : 0;
        float[] h = new float[taps + 1];
        h[0] = 1;
        for (int k = 0; k < taps; k++) {
            h[k + 1] = (float) (gain * tail[k]);
        }
        return h;
    }

    /**
     * The first {@code outLength} samples of the linear convolution {@code x * h}, by real FFT of
     * the next power of two at least {@code x.length + h.length - 1}, in double precision.
     */
    static float[] convolve(float[] x, float[] h, int outLength) {
        float[] out = new float[outLength];
        if (x.length == 0 || h.length == 0 || outLength == 0) {
            return out;
        }
        int full = x.length + h.length - 1;
        if (full > 1 << 30) {
            throw new IllegalArgumentException("a convolution of " + x.length + " by " + h.length + " samples is too long");
        }
        int n = 2;
        while (n < full) {
            n <<= 1;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        for (int i = 0; i < h.length; i++) {
            b[i] = h[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(a);
        fft.realForward(b);
        // packed layout: a[0] = Re(0), a[1] = Re(n/2), then (Re, Im) pairs of bins 1 .. n/2 - 1
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 2; k < n; k += 2) {
            double re = a[k] * b[k] - a[k + 1] * b[k + 1];
            double im = a[k] * b[k + 1] + a[k + 1] * b[k];
            a[k] = re;
            a[k + 1] = im;
        }
        fft.realInverse(a, true);
        int count = Math.min(outLength, full);
        for (int i = 0; i < count; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    private static double energy(float[] x) {
        double e = 0;
        for (float v : x) {
            e += (double) v * v;
        }
        return e;
    }
}
