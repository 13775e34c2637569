package org.ser4j.core.audio;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Band-limited sample-rate conversion by a polyphase windowed-sinc (Kaiser) filter, for any pair
 * of integer rates from {@value AudioLimits#MIN_SAMPLE_RATE} Hz to {@value AudioLimits#MAX_SAMPLE_RATE}
 * Hz (the hard {@link AudioLimits}): the output is then at most 384 times, and in practice (to
 * 16 kHz from at least 1 kHz) at most 16 times, as long as the input, and the work per output
 * sample is bounded by the filter length.
 *
 * <p><b>Quality.</b> Let {@code fN = min(sourceRate, targetRate) / 2} be the lower of the two
 * Nyquist frequencies. The low-pass filter is designed for:
 * <ul>
 *   <li>passband {@code 0 .. 0.9 fN}, ripple below 0.001 dB (so a 1 kHz tone keeps its amplitude
 *       far within 0.1 dB);</li>
 *   <li>transition band {@code 0.9 fN .. fN};</li>
 *   <li>stopband from {@code fN} up, designed for 90 dB attenuation (Kaiser beta 8.96): a tone
 *       above the target Nyquist frequency is attenuated by at least 80 dB, as the tests check for
 *       48 k, 44.1 k and 22.05 k to 16 k (measured worst case over tones from 8 kHz up: about
 *       92 dB); images of upsampling likewise;</li>
 *   <li>linear phase and no delay: output sample {@code n} is the band-limited input at time
 *       {@code n / targetRate} seconds;</li>
 *   <li>the signal is taken as zero outside the clip, so the first and last half filter length
 *       fade in and out (the filter spans about {@code 5.7 / (0.1 fN)} seconds: 7 ms, so 3.6 ms at
 *       each end, when the target is 16 kHz).</li>
 * </ul>
 * Arithmetic is in float with several partial sums per output sample (round-off near -130 dB).
 * When the JVM runs with {@code --add-modules jdk.incubator.vector}, the inner dot product uses
 * SIMD instructions (several times faster); otherwise plain Java. Both give the same result up to
 * float round-off.
 *
 * <p><b>Length.</b> The output has {@link #outputLength(int, int, int) ceil(n * targetRate /
 * sourceRate)} samples, as {@code librosa.resample}.
 *
 * <p><b>Cost.</b> The ratio is reduced to {@code L / M}; for {@code L <= 1024} one filter phase per
 * output position is precomputed, otherwise 1025 phases are precomputed and the two nearest are
 * linearly interpolated (error below -110 dB). Filter tables are built once per rate pair and
 * cached; the cache is thread-safe, and so is this class. Extreme down-sampling ratios (above
 * about 280:1) are refused because their filter would be enormous.
 */
public final class Resampler {
    /** Passband edge as a fraction of the lower Nyquist frequency. */
    static final double PASSBAND = 0.9;
    /** Attenuation the Kaiser window is designed for, in dB. */
    static final double DESIGN_ATTENUATION_DB = 90.0;
    private static final int MAX_EXACT_PHASES = 1024;
    private static final int INTERPOLATED_PHASES = 1024;
    private static final int MAX_TAPS = 1 << 15;
    private static final int MAX_CACHED = 64;
    private static final Map<Long, Kernel> CACHE = new ConcurrentHashMap<>();

    private Resampler() {
    }

    /**
     * The clip at {@code targetRate}; returned unchanged when it already has that rate.
     *
     * @param clip the clip to resample, not null
     * @param targetRate output sample rate, Hz, 1,000 to 384,000
     * @return a new clip of {@link #outputLength(int, int, int) ceil(clip.length() * targetRate /
     *     clip.sampleRate())} samples at {@code targetRate}, or {@code clip} itself (not a copy) when
     *     its rate is already {@code targetRate}
     * @throws NullPointerException if {@code clip} is null
     * @throws IllegalArgumentException if {@code targetRate} is outside 1 kHz .. 384 kHz, the ratio is too
     *     extreme (see the class comment), or the output would not fit in an array
     */
    public static AudioClip resample(AudioClip clip, int targetRate) {
        Objects.requireNonNull(clip, "clip");
        if (clip.sampleRate() == targetRate) {
            return clip;
        }
        return new AudioClip(resample(clip.samples(), clip.sampleRate(), targetRate), targetRate);
    }

    /**
     * Resamples raw samples from {@code sourceRate} to {@code targetRate}. Returns a new array
     * (a copy when the rates are equal).
     *
     * @param samples mono samples at {@code sourceRate}, not null; not modified; may be empty
     * @param sourceRate sample rate of {@code samples}, Hz, 1,000 to 384,000
     * @param targetRate output sample rate, Hz, 1,000 to 384,000
     * @return a new array of {@link #outputLength(int, int, int) ceil(samples.length * targetRate /
     *     sourceRate)} samples at {@code targetRate} (empty for empty input)
     * @throws NullPointerException if {@code samples} is null
     * @throws IllegalArgumentException if a rate is outside 1 kHz .. 384 kHz, the ratio is too extreme, or the
     *     output would not fit in an array
     */
    public static float[] resample(float[] samples, int sourceRate, int targetRate) {
        Objects.requireNonNull(samples, "samples");
        checkRates(sourceRate, targetRate);
        if (sourceRate == targetRate) {
            return samples.clone();
        }
        return resample(samples, sourceRate, targetRate, DotProduct.best());
    }

    /** {@link #resample(float[], int, int)} with a given inner kernel (for tests and benchmarks). */
    static float[] resample(float[] samples, int sourceRate, int targetRate, DotProduct dot) {
        checkRates(sourceRate, targetRate);
        if (sourceRate == targetRate) {
            return samples.clone();
        }
        return kernel(sourceRate, targetRate).apply(samples, dot);
    }

    /**
     * Number of output samples for {@code n} input samples: {@code ceil(n * targetRate / sourceRate)}.
     *
     * @param n number of input samples, non-negative
     * @param sourceRate input sample rate, Hz, 1,000 to 384,000
     * @param targetRate output sample rate, Hz, 1,000 to 384,000
     * @return the length {@link #resample(float[], int, int)} returns, in samples; 0 when {@code n} is 0
     * @throws IllegalArgumentException if a rate is outside 1 kHz .. 384 kHz, {@code n} is negative, or the
     *     result would exceed {@code Integer.MAX_VALUE - 16}
     */
    public static int outputLength(int n, int sourceRate, int targetRate) {
        checkRates(sourceRate, targetRate);
        if (n < 0) {
            throw new IllegalArgumentException("negative length " + n);
        }
        long out = ((long) n * targetRate + sourceRate - 1) / sourceRate;
        if (out > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(n + " samples at " + sourceRate + " Hz are too many at " + targetRate + " Hz");
        }
        return (int) out;
    }

    static void checkRates(int sourceRate, int targetRate) {
        if (sourceRate < AudioLimits.MIN_SAMPLE_RATE || sourceRate > AudioLimits.MAX_SAMPLE_RATE
                || targetRate < AudioLimits.MIN_SAMPLE_RATE || targetRate > AudioLimits.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("sample rates must be " + AudioLimits.MIN_SAMPLE_RATE + " to "
                    + AudioLimits.MAX_SAMPLE_RATE + " Hz (AudioLimits), got " + sourceRate + " -> " + targetRate);
        }
    }

    /** The (cached) filter for a pair of valid, different rates. */
    static Kernel kernel(int sourceRate, int targetRate) {
        long g = gcd(sourceRate, targetRate);
        int up = (int) (targetRate / g);
        int down = (int) (sourceRate / g);
        long key = ((long) up << 32) | down;
        Kernel k = CACHE.get(key);
        if (k == null) {
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear(); // unusual rate mixes; rebuilding is cheap compared to leaking
            }
            k = CACHE.computeIfAbsent(key, x -> new Kernel(up, down, sourceRate, targetRate));
        }
        return k;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * An immutable polyphase filter table for one ratio {@code up / down}. Output sample {@code i}
     * has base input index {@code floor(i * down / up)} and phase remainder {@code (i * down) mod up};
     * it reads the {@link #width} inputs from {@code base + firstOffset} on (zero outside the clip).
     * {@link #sample} is the one computation of an output sample, shared by {@link #apply} and
     * {@link StreamingResampler}.
     */
    static final class Kernel {
        final int up;
        final int down;
        /** Taps per phase, a multiple of 16. */
        final int width;
        /** Input index of tap 0 relative to the output's base input index (zero or negative). */
        final int firstOffset;
        /** Precomputed phases; phase p is at fractional time p / phases. */
        private final int phases;
        private final boolean interpolate;
        private final float[] table;

        Kernel(int up, int down, int sourceRate, int targetRate) {
            this.up = up;
            this.down = down;
            double nyquist = Math.min(sourceRate, targetRate) / 2.0;
            double transition = (1 - PASSBAND) * nyquist / sourceRate; // cycles per input sample
            double cutoff = (1 + PASSBAND) / 2 * nyquist / sourceRate;
            // Kaiser's estimate of the filter length for the attenuation and transition width.
            double length = (DESIGN_ATTENUATION_DB - 7.95) / (2.285 * 2 * Math.PI * transition) + 1;
            double halfWidth = length / 2;
            int k = (int) Math.ceil(halfWidth);
            int w = (2 * k + 15) & ~15; // whole SIMD vectors; the extra taps are zero
            if (w > MAX_TAPS) {
                throw new IllegalArgumentException("resampling " + sourceRate + " Hz to " + targetRate
                        + " Hz is too extreme a ratio (filter of " + w + " taps)");
            }
            this.width = w;
            this.firstOffset = -(k - 1);
            this.interpolate = up > MAX_EXACT_PHASES;
            this.phases = interpolate ? INTERPOLATED_PHASES : up;
            int rows = interpolate ? phases + 1 : phases;
            double beta = 0.1102 * (DESIGN_ATTENUATION_DB - 8.7);
            double i0Beta = besselI0(beta);
            table = new float[rows * w];
            for (int p = 0; p < rows; p++) {
                double frac = p / (double) phases;
                for (int i = 0; i < w; i++) {
                    double t = frac - (firstOffset + i); // output time minus input time, in input samples
                    double r = t / halfWidth;
                    if (Math.abs(r) >= 1) {
                        continue;
                    }
                    double window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
                    table[p * w + i] = (float) (2 * cutoff * sinc(2 * cutoff * t) * window);
                }
            }
        }

        float[] apply(float[] x, DotProduct kernel) {
            int n = x.length;
            long outLong = ((long) n * up + down - 1) / down;
            if (outLong > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(n + " samples are too many to resample by " + up + "/" + down);
            }
            int out = (int) outLong;
            float[] y = new float[out];
            if (n == 0) {
                return y;
            }
            // Zero padding so that every tap reads inside the array: index of x[j] is j + pad.
            int pad = width;
            float[] xp = new float[n + 2 * pad];
            System.arraycopy(x, 0, xp, pad, n);
            long base = 0; // floor(i * down / up)
            long rem = 0; // (i * down) mod up
            int stepBase = down / up;
            int stepRem = down % up;
            for (int i = 0; i < out; i++) {
                int start = (int) base + firstOffset + pad;
                y[i] = sample(xp, start, rem, kernel);
                base += stepBase;
                rem += stepRem;
                if (rem >= up) {
                    rem -= up;
                    base++;
                }
            }
            return y;
        }

        /** The output sample of phase remainder {@code rem} whose first tap reads {@code x[start]}. */
        float sample(float[] x, int start, long rem, DotProduct kernel) {
            if (!interpolate) {
                return kernel.dot(x, start, table, (int) rem * width, width);
            }
            double pos = rem * (double) phases / up;
            int p0 = (int) pos;
            float a = (float) (pos - p0);
            float y0 = kernel.dot(x, start, table, p0 * width, width);
            float y1 = kernel.dot(x, start, table, (p0 + 1) * width, width);
            return y0 + a * (y1 - y0);
        }
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
