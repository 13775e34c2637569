package org.ser4j.features.dsp;

/**
 * Power to decibels, as {@code librosa.power_to_db(S, ref=np.max, amin=1e-10, top_db=80.0)}:
 * {@code 10 log10(max(amin, S)) - 10 log10(max(amin, max(S)))}, then clipped below at
 * (its maximum {@code - topDb}). Output in dB relative to the largest value, so it lies in
 * {@code [-topDb, 0]}.
 */
public final class PowerToDb {
    /** librosa's default amin. */
    public static final double DEFAULT_AMIN = 1e-10;
    /** librosa's default top_db, dB. */
    public static final double DEFAULT_TOP_DB = 80.0;

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
        // librosa computes in float32: each log term is rounded to float before subtracting.
        float refDb = (float) (10.0 * Math.log10(Math.max(amin, max)));
        float top = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            float db = (float) (10.0 * Math.log10(Math.max(amin, values[i]))) - refDb;
            values[i] = db;
            top = Math.max(top, db);
        }
        float floor = (float) (top - topDb);
        for (int i = 0; i < values.length; i++) {
            if (values[i] < floor) {
                values[i] = floor;
            }
        }
    }
}
