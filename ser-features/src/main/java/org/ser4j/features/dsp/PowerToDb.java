package org.ser4j.features.dsp;

/**
 * Power to decibels, as {@code librosa.power_to_db(S, ref=np.max, amin=1e-10, top_db=80.0)}:
 * {@code 10 log10(max(amin, S)) - 10 log10(max(amin, max(S)))}, then clipped below at
 * (its maximum {@code - topDb}). Output in dB relative to the largest value, so it lies in
 * {@code [-topDb, 0]}.
 *
 * <p>Like librosa (which works in float32) each log term is rounded to float before the
 * subtraction. The logarithm is a table-plus-series evaluation accurate to about 1e-15 relative,
 * far below float rounding; values that are certain to be clipped (more than {@code topDb} + 0.01
 * dB below the maximum) skip it altogether.
 */
public final class PowerToDb {
    /** librosa's default amin. */
    public static final double DEFAULT_AMIN = 1e-10;
    /** librosa's default top_db, dB. */
    public static final double DEFAULT_TOP_DB = 80.0;

    private static final int TABLE_BITS = 10;
    private static final double[] LN_CENTER = new double[1 << TABLE_BITS];
    private static final double[] INV_CENTER = new double[1 << TABLE_BITS];
    private static final double LN2 = Math.log(2.0);
    /** 10 / ln(10): dB per natural-log unit of power. */
    private static final double DB_PER_NEPER = 10.0 / Math.log(10.0);

    static {
        for (int i = 0; i < LN_CENTER.length; i++) {
            double center = 1.0 + (i + 0.5) / LN_CENTER.length;
            LN_CENTER[i] = Math.log(center);
            INV_CENTER[i] = 1.0 / center;
        }
    }

    private PowerToDb() {
    }

    /**
     * Converts {@code values} (power, {@code >= 0}) in place with {@code ref = max(values)}.
     *
     * @param values power values; overwritten by dB
     * @param amin floor applied before the logarithm, {@code > 0} (default 1e-10)
     * @param topDb dynamic range kept below the maximum, dB, {@code > 0} (default 80); use
     *     {@code Double.POSITIVE_INFINITY} for no clipping
     */
    public static void inPlace(float[] values, double amin, double topDb) {
        if (!(amin > 0) || !(topDb > 0)) {
            throw new IllegalArgumentException("amin and topDb must be positive, got " + amin + ", " + topDb);
        }
        if (values.length == 0) {
            return;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        double refPower = Math.max(amin, max);
        float refDb = (float) (10.0 * log10(refPower));
        // The largest dB value is refDb - refDb = 0, so the clip floor is -topDb. Powers this far
        // below the reference are clipped whatever the rounding, so they need no logarithm.
        float floor = (float) (0.0f - topDb);
        double certainlyClipped = refPower * Math.pow(10.0, -(topDb + 0.01) / 10.0);
        for (int i = 0; i < values.length; i++) {
            double p = Math.max(amin, values[i]);
            if (p < certainlyClipped) {
                values[i] = floor;
            } else {
                float db = (float) (10.0 * log10(p)) - refDb;
                values[i] = db < floor ? floor : db;
            }
        }
    }

    /**
     * log10 of a positive, finite, normal double: exponent plus a 1024-entry table of log(centre)
     * and a four-term series in {@code t = f / centre - 1}, {@code |t| < 2^-11}.
     */
    static double log10(double x) {
        if (x < Double.MIN_NORMAL) {
            return Math.log10(x);
        }
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) (bits >>> 52) - 1023;
        int index = (int) (bits >>> (52 - TABLE_BITS)) & ((1 << TABLE_BITS) - 1);
        double f = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);
        double t = f * INV_CENTER[index] - 1.0;
        double ln1p = t * (1.0 - t * (0.5 - t * (1.0 / 3 - t * (0.25 - t * 0.2))));
        return (exponent * LN2 + LN_CENTER[index] + ln1p) * (DB_PER_NEPER / 10.0);
    }
}
