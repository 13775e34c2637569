package org.ser4j.training.charts;

/**
 * Equal-width histogram bins: {@code counts[i]} values fell in {@code [edges[i], edges[i+1])},
 * the last bin also holding values equal to its upper edge.
 *
 * <p>The record does not copy its arrays; treat them as read-only.
 *
 * @param edges bin edges, ascending, one more than there are bins
 * @param counts values per bin
 */
public record HistogramBins(double[] edges, long[] counts) {
    /**
     * Checks the arguments.
     *
     * @param edges bin edges, strictly ascending (no NaN), {@code counts.length + 1} of them; not
     *     copied
     * @param counts values per bin, each at least 0, at least one bin; not copied
     * @throws IllegalArgumentException if an array is null, there is no bin, the lengths do not
     *     match, the edges are not strictly ascending or a count is negative
     */
    public HistogramBins {
        if (counts == null || edges == null || counts.length == 0 || edges.length != counts.length + 1) {
            throw new IllegalArgumentException("need at least one bin and exactly one more edge than bins");
        }
        for (int i = 0; i < counts.length; i++) {
            if (!(edges[i + 1] > edges[i])) {
                throw new IllegalArgumentException("bin edges must be strictly ascending, edge " + i + " is " + edges[i]
                        + " and edge " + (i + 1) + " is " + edges[i + 1]);
            }
            if (counts[i] < 0) {
                throw new IllegalArgumentException("negative count in bin " + i);
            }
        }
    }

    /**
     * Bins the finite values into {@code bins} equal-width bins spanning their range. When all
     * values are equal (or within a relative 1e-9 of each other) the range is widened to
     * {@code value ± max(0.5, 1e-6 |value|)} so that the bins have a width.
     *
     * @param values the values; non-finite ones are ignored; at least one must be finite
     * @param bins number of bins, at least 1
     * @return the histogram
     */
    public static HistogramBins of(double[] values, int bins) {
        double[] range = finiteRange(values);
        double min = range[0];
        double max = range[1];
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        if (max - min <= magnitude * 1e-9) {
            // (Nearly) constant data: bins this narrow would fall below double resolution.
            double centre = min / 2 + max / 2;
            double pad = Math.max(0.5, magnitude * 1e-6);
            min = centre - pad;
            max = centre + pad;
        }
        return of(values, bins, min, max);
    }

    /**
     * Bins the finite values with a "nice" bin width (1, 2, 2.5 or 5 times a power of ten) chosen so
     * that there are about {@code targetBins} bins, the first starting at a multiple of the width:
     * the bin labels then read as round numbers (e.g. 2.0-2.1 s).
     *
     * @param values the values; non-finite ones are ignored; at least one must be finite
     * @param targetBins the wanted number of bins, at least 1; the result has between about half
     *     and {@code targetBins + 1} bins, or a single bin when all values are equal to within 1e-9
     *     of their magnitude
     * @return the histogram
     */
    public static HistogramBins nice(double[] values, int targetBins) {
        if (targetBins < 1) {
            throw new IllegalArgumentException("need at least one bin, got " + targetBins);
        }
        double[] range = finiteRange(values);
        double min = range[0];
        double max = range[1];
        double raw = (max - min) / targetBins;
        if (!(raw > Math.max(Math.abs(min), Math.abs(max)) * 1e-9) || !Double.isFinite(raw)) {
            // all values (nearly) equal: nothing to spread over several bins
            return of(values, 1);
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double width = 10 * magnitude;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                width = m * magnitude;
                break;
            }
        }
        double lo = Math.floor(min / width) * width;
        int n = Math.max(1, (int) Math.ceil((max - lo) / width));
        if (lo + n * width <= max) {
            n++; // keep max inside [lo, hi] despite rounding
        }
        return of(values, n, lo, lo + n * width);
    }

    /**
     * Bins the values into {@code bins} equal-width bins over {@code [min, max]}; values outside
     * the range and non-finite values are ignored.
     *
     * @param values the values
     * @param bins number of bins, at least 1
     * @param min lower edge of the first bin
     * @param max upper edge of the last bin, above {@code min}
     * @return the histogram
     */
    public static HistogramBins of(double[] values, int bins, double min, double max) {
        if (bins < 1) {
            throw new IllegalArgumentException("need at least one bin, got " + bins);
        }
        if (!(Double.isFinite(min) && Double.isFinite(max) && max > min)) {
            throw new IllegalArgumentException("histogram range must be finite with max > min, got [" + min + ", " + max + "]");
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + (max - min) * i / bins;
        }
        edges[bins] = max;
        long[] counts = new long[bins];
        double width = (max - min) / bins;
        for (double v : values) {
            if (!Double.isFinite(v) || v < min || v > max) {
                continue;
            }
            int b = Math.min(Math.max((int) ((v - min) / width), 0), bins - 1);
            // The division can be off by one near an edge; the edges are what the record promises.
            while (b > 0 && v < edges[b]) {
                b--;
            }
            while (b < bins - 1 && v >= edges[b + 1]) {
                b++;
            }
            counts[b]++;
        }
        return new HistogramBins(edges, counts);
    }

    /**
     * Total number of values binned.
     *
     * @return the sum of {@link #counts()}, 0 or more (values ignored as out of range or
     *     non-finite are not included)
     */
    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** {min, max} of the finite values. */
    private static double[] finiteRange(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("a histogram needs at least one finite value");
        }
        return new double[] {min, max};
    }
}
