package org.ser4j.features.dsp;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link MelPowerKernel} (Vector API, double precision). It transforms a batch of as many
 * frames as a vector has double lanes at once: lane {@code l} of every vector belongs to frame
 * {@code t0 + l}, so each butterfly of the FFT is one vector operation for the whole batch and no
 * shuffles are needed. Per batch:
 * <ol>
 *   <li>pack: window the frames and store sample pairs {@code (x[2j], x[2j+1])} as complex
 *       {@code z[j]} at bit-reversed positions. When the hop divides nFft the batch's signal is
 *       first cut into hop-long rows stored column-major, so that sample {@code q} of all frames
 *       is one contiguous vector; otherwise it is gathered;</li>
 *   <li>an iterative complex FFT of {@code nFft/2} points in fused radix-2x2 passes, the first
 *       ones blocked for the L1 cache;</li>
 *   <li>split the half-length spectrum into the real spectrum of {@code nFft} points and square
 *       its magnitude;</li>
 *   <li>multiply by the sparse filterbank rows.</li>
 * </ol>
 * Loaded reflectively by {@link VectorSupport} only when {@code jdk.incubator.vector} is present.
 */
final class VectorMelPowerKernel implements MelPowerKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Doubles per packed complex point: L real parts, then L imaginary parts. */
    private static final int L2 = 2 * L;
    /** Floats with as many lanes as {@link #S}, for gathering one sample of every frame at once. */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(L * 32));
    /** Points per cache block for the first FFT passes (256 points x 8 lanes x 16 bytes = 32 KiB, L1-sized; measured best of 16..1024). */
    private static final int BLOCK = 256;

    private final int nFft;
    private final int hop;
    private final int m;
    private final int bins;
    private final double[] window;
    private final int[] rev;
    private final double[] cosM;
    private final double[] sinM;
    private final double[] cosN;
    private final double[] sinN;
    private final MelFilterbank filterbank;
    private final ThreadLocal<Scratch> scratch;
    /** Lane offsets of consecutive frames in the signal: {@code l * hop}. */
    private final int[] laneOffsets;
    /** Rows of the transposed batch ({@code 0} when the hop does not divide nFft). */
    private final int rowCount;
    /** Scatter offsets of one row's consecutive samples in the transposed batch: {@code l * rowCount}. */
    private final int[] columnStride;
    /** Index in the transposed batch of each frame sample {@code q}. */
    private final int[] rowOffset;

    private static final class Scratch {
        /** The batch's complex points, interleaved per point: {@code L} real parts, then {@code L} imaginary parts. */
        final double[] z;
        final double[] power;
        final double[] lanes = new double[L];
        final int[] starts = new int[L];
        /**
         * The batch's samples transposed: {@code rows[c * rowCount + r] = y[s0 + r * hop + c]}.
         * Float, as the input: half the footprint of doubles, so that it stays in L1 while the
         * bit-reversed packing reads it in random order.
         */
        final float[] rows;

        Scratch(int m, int rowValues) {
            rows = new float[rowValues];
            z = new double[m * L2];
            power = new double[(m + 1) * L];
        }
    }

    VectorMelPowerKernel(int nFft, int hopLength, MelFilterbank filterbank) {
        if (nFft < 16 || Integer.bitCount(nFft) != 1 || hopLength <= 0 || filterbank.fftBins() != 1 + nFft / 2) {
            throw new IllegalArgumentException("vector kernel needs a power-of-two nFft >= 16 and a matching filterbank");
        }
        this.nFft = nFft;
        this.hop = hopLength;
        this.m = nFft / 2;
        this.bins = m + 1;
        this.window = HannWindow.periodic(nFft);
        this.filterbank = filterbank;
        int bitsM = Integer.numberOfTrailingZeros(m);
        rev = new int[m];
        for (int j = 0; j < m; j++) {
            rev[j] = Integer.reverse(j) >>> (32 - bitsM);
        }
        cosM = new double[m / 2];
        sinM = new double[m / 2];
        for (int k = 0; k < m / 2; k++) {
            cosM[k] = Math.cos(2 * Math.PI * k / m);
            sinM[k] = Math.sin(2 * Math.PI * k / m);
        }
        cosN = new double[bins];
        sinN = new double[bins];
        for (int k = 0; k < bins; k++) {
            cosN[k] = Math.cos(2 * Math.PI * k / nFft);
            sinN[k] = Math.sin(2 * Math.PI * k / nFft);
        }
        laneOffsets = new int[L];
        for (int l = 0; l < L; l++) {
            laneOffsets[l] = l * hopLength;
        }
        // When the hop divides the frame, frame t0 + l's sample q is row q / hop + l, column
        // q % hop of the batch's signal cut into hop-long rows; stored column-major, the samples q
        // of the L frames are then L consecutive doubles: one plain vector load, no gather.
        rowCount = nFft % hopLength == 0 ? L + nFft / hopLength - 1 : 0;
        rowOffset = new int[nFft];
        if (rowCount > 0) {
            for (int q = 0; q < nFft; q++) {
                rowOffset[q] = (q % hopLength) * rowCount + q / hopLength;
            }
        }
        columnStride = new int[L];
        for (int l = 0; l < L; l++) {
            columnStride[l] = l * rowCount;
        }
        int mm = m;
        int rowValues = rowCount * hopLength;
        scratch = ThreadLocal.withInitial(() -> new Scratch(mm, rowValues));
    }

    @Override
    public String name() {
        return "vector-" + L + "x64";
    }

    @Override
    public void melPower(float[] signal, float[] out) {
        melPowerPadded(signal, signal.length, out);
    }

    /** Samples past the end of {@code signal} read as zeros (edge packing), so no padded copy is made. */
    @Override
    public void melPowerPadded(float[] signal, int length, float[] out) {
        if (signal.length > length) {
            throw new IllegalArgumentException("signal has " + signal.length + " samples, more than the padded length " + length);
        }
        int frames = Framing.centeredFrameCount(length, hop);
        Scratch s = scratch.get();
        int[] audible = Framing.audibleFrameRange(signal, nFft, hop);
        int ownFrames = Framing.centeredFrameCount(signal.length, hop);
        if (frames > ownFrames && audible[0] <= audible[1] && audible[1] >= ownFrames - 1) {
            // the range was clamped to the unpadded signal's frames; frames reaching back into it
            // from the padding can still hold its last samples
            audible[1] = Math.min(frames - 1, ownFrames + (nFft / 2) / hop);
        }
        for (int t0 = 0; t0 < frames; t0 += L) {
            if (t0 + L - 1 < audible[0] || t0 > audible[1]) {
                // the whole batch sees only zeros: its spectrum is exactly zero
                for (int b = 0; b < filterbank.melBands(); b++) {
                    java.util.Arrays.fill(out, b * frames + t0, b * frames + Math.min(frames, t0 + L), 0f);
                }
                continue;
            }
            transform(signal, t0, frames, s);
            power(s.z, s.power);
            mel(s.power, s.lanes, out, t0, frames);
        }
    }

    /**
     * {@link PowerToDb#inPlace} a vector at a time: the same float rounding of each log term and
     * the same clipping, with the Vector API's double-precision {@code LOG10} (within a few ulp of
     * {@link Math#log10}, far below the float rounding of the result).
     */
    @Override
    public void powerToDb(float[] values, double amin, double topDb) {
        if (!(amin > 0) || !(topDb > 0)) {
            throw new IllegalArgumentException("amin and topDb must be positive, got " + amin + ", " + topDb);
        }
        int n = values.length;
        if (n < L) {
            PowerToDb.inPlace(values, amin, topDb);
            return;
        }
        int vectorEnd = n - n % L;
        FloatVector maxV = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < vectorEnd; i += L) {
            maxV = maxV.max(FloatVector.fromArray(F, values, i));
        }
        float max = maxV.reduceLanes(VectorOperators.MAX);
        for (int i = vectorEnd; i < n; i++) {
            max = Math.max(max, values[i]);
        }
        double refPower = Math.max(amin, max);
        float refDb = (float) (10.0 * PowerToDb.log10(refPower));
        float floor = (float) (0.0f - topDb);
        for (int i = 0; i < vectorEnd; i += L) {
            DoubleVector p = ((DoubleVector) FloatVector.fromArray(F, values, i).convertShape(VectorOperators.F2D, S, 0)).max(amin);
            FloatVector db = (FloatVector) p.lanewise(VectorOperators.LOG10).mul(10.0).convertShape(VectorOperators.D2F, F, 0);
            db.sub(refDb).max(floor).intoArray(values, i);
        }
        for (int i = vectorEnd; i < n; i++) {
            float db = (float) (10.0 * PowerToDb.log10(Math.max(amin, values[i]))) - refDb;
            values[i] = db < floor ? floor : db;
        }
    }

    /**
     * Packs the batch and runs the FFT. The first radix-4 passes (spans up to {@link #BLOCK}) are
     * done block by block right after packing, while the block is in L1; the remaining passes sweep
     * the whole array.
     */
    private void transform(float[] y, int t0, int frames, Scratch s) {
        double[] z = s.z;
        int[] starts = s.starts;
        boolean inside = true;
        for (int l = 0; l < L; l++) {
            int t = t0 + l;
            starts[l] = t * hop - nFft / 2;
            inside &= t < frames && starts[l] >= 0 && starts[l] + nFft <= y.length;
        }
        int block = Math.min(BLOCK, m);
        if (inside && rowCount > 0) {
            transpose(y, starts[0], s.rows);
        }
        for (int from = 0; from < m; from += block) {
            if (inside && rowCount > 0) {
                packRows(s.rows, from, from + block, z);
            } else if (inside) {
                packInside(y, starts, from, from + block, z);
            } else {
                packEdge(y, starts, t0, frames, from, from + block, z);
            }
            int h = 1;
            if (4 <= block) {
                firstRadix4(z, from, from + block);
                h = 4;
            }
            for (; 4 * h <= block; h *= 4) {
                radix4(z, from, from + block, h);
            }
        }
        int h = 1;
        while (4 * h <= block) {
            h *= 4;
        }
        for (; 4 * h <= m; h *= 4) {
            radix4(z, 0, m, h);
        }
        if (h < m) {
            radix2(z, h);
        }
    }

    /** Packed positions {@code [from, to)}: {@code z[p] = (x[2j] w[2j], x[2j+1] w[2j+1])}, {@code j = rev[p]}. */
    /** Cuts {@code y[s0 ...]} into {@code rowCount} rows of {@code hop} samples, stored column-major. */
    private void transpose(float[] y, int s0, float[] rows) {
        int r = rowCount;
        if (hop % L == 0) {
            // one vector of L consecutive samples of a row is scattered to L columns at once
            for (int row = 0; row < r; row++) {
                int base = s0 + row * hop;
                for (int c = 0; c < hop; c += L) {
                    FloatVector.fromArray(F, y, base + c).intoArray(rows, c * r + row, columnStride, 0);
                }
            }
            return;
        }
        for (int row = 0; row < r; row++) {
            int base = s0 + row * hop;
            for (int c = 0; c < hop; c++) {
                rows[c * r + row] = y[base + c];
            }
        }
    }

    /** {@link #packInside} from the transposed batch: contiguous vector loads. */
    private void packRows(float[] rows, int from, int to, double[] z) {
        double[] w = window;
        int[] r = rev;
        int[] offset = rowOffset;
        for (int p = from; p < to; p++) {
            int j2 = 2 * r[p];
            DoubleVector even = (DoubleVector) FloatVector.fromArray(F, rows, offset[j2]).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector odd = (DoubleVector) FloatVector.fromArray(F, rows, offset[j2 + 1]).convertShape(VectorOperators.F2D, S, 0);
            even.mul(w[j2]).intoArray(z, p * L2);
            odd.mul(w[j2 + 1]).intoArray(z, p * L2 + L);
        }
    }

    private void packInside(float[] y, int[] starts, int from, int to, double[] z) {
        double[] w = window;
        int[] r = rev;
        int[] offsets = laneOffsets;
        int s0 = starts[0];
        for (int p = from; p < to; p++) {
            int j2 = 2 * r[p];
            // sample j2 (and j2 + 1) of every frame in the batch: a strided gather
            DoubleVector even = (DoubleVector) FloatVector.fromArray(F, y, s0 + j2, offsets, 0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector odd = (DoubleVector) FloatVector.fromArray(F, y, s0 + j2 + 1, offsets, 0).convertShape(VectorOperators.F2D, S, 0);
            even.mul(w[j2]).intoArray(z, p * L2);
            odd.mul(w[j2 + 1]).intoArray(z, p * L2 + L);
        }
    }

    private void packEdge(float[] y, int[] starts, int t0, int frames, int from, int to, double[] z) {
        int n = y.length;
        double[] w = window;
        int[] r = rev;
        for (int p = from; p < to; p++) {
            int j2 = 2 * r[p];
            int base = p * L2;
            for (int l = 0; l < L; l++) {
                int i0 = starts[l] + j2;
                int i1 = i0 + 1;
                boolean live = t0 + l < frames;
                z[base + l] = live && i0 >= 0 && i0 < n ? y[i0] * w[j2] : 0.0;
                z[base + L + l] = live && i1 >= 0 && i1 < n ? y[i1] * w[j2 + 1] : 0.0;
            }
        }
    }

    /**
     * Two radix-2 decimation-in-time stages (spans {@code 2h} and {@code 4h}) fused, on the
     * points {@code [from, to)}: half the memory traffic of two separate stages.
     */
    private void radix4(double[] z, int from, int to, int h) {
        int span = 4 * h;
        int step1 = m / (2 * h);
        int step2 = m / (4 * h);
        for (int j = 0; j < h; j++) {
            DoubleVector c1 = DoubleVector.broadcast(S, cosM[j * step1]);
            DoubleVector s1 = DoubleVector.broadcast(S, sinM[j * step1]);
            DoubleVector ns1 = s1.neg();
            DoubleVector c2 = DoubleVector.broadcast(S, cosM[j * step2]);
            DoubleVector s2 = DoubleVector.broadcast(S, sinM[j * step2]);
            DoubleVector ns2 = s2.neg();
            for (int g = from + j; g < to; g += span) {
                int i0 = g * L2;
                int i1 = i0 + h * L2;
                int i2 = i1 + h * L2;
                int i3 = i2 + h * L2;
                DoubleVector x0r = DoubleVector.fromArray(S, z, i0);
                DoubleVector x0i = DoubleVector.fromArray(S, z, i0 + L);
                DoubleVector x1r = DoubleVector.fromArray(S, z, i1);
                DoubleVector x1i = DoubleVector.fromArray(S, z, i1 + L);
                DoubleVector x2r = DoubleVector.fromArray(S, z, i2);
                DoubleVector x2i = DoubleVector.fromArray(S, z, i2 + L);
                DoubleVector x3r = DoubleVector.fromArray(S, z, i3);
                DoubleVector x3i = DoubleVector.fromArray(S, z, i3 + L);
                // stage A, twiddle w1 = c1 - i s1 on x1 and x3: (xr c1 + xi s1, xi c1 - xr s1)
                DoubleVector b1r = x1i.fma(s1, x1r.mul(c1));
                DoubleVector b1i = x1r.fma(ns1, x1i.mul(c1));
                DoubleVector b3r = x3i.fma(s1, x3r.mul(c1));
                DoubleVector b3i = x3r.fma(ns1, x3i.mul(c1));
                DoubleVector y0r = x0r.add(b1r);
                DoubleVector y0i = x0i.add(b1i);
                DoubleVector y1r = x0r.sub(b1r);
                DoubleVector y1i = x0i.sub(b1i);
                DoubleVector y2r = x2r.add(b3r);
                DoubleVector y2i = x2i.add(b3i);
                DoubleVector y3r = x2r.sub(b3r);
                DoubleVector y3i = x2i.sub(b3i);
                // stage B, twiddle w2 = c2 - i s2 on y2, and w2 * (-i) on y3
                DoubleVector t2r = y2i.fma(s2, y2r.mul(c2));
                DoubleVector t2i = y2r.fma(ns2, y2i.mul(c2));
                DoubleVector u3r = y3i.fma(s2, y3r.mul(c2));
                DoubleVector u3i = y3r.fma(ns2, y3i.mul(c2));
                // t3 = -i * u3 = (u3i, -u3r)
                y0r.add(t2r).intoArray(z, i0);
                y0i.add(t2i).intoArray(z, i0 + L);
                y0r.sub(t2r).intoArray(z, i2);
                y0i.sub(t2i).intoArray(z, i2 + L);
                y1r.add(u3i).intoArray(z, i1);
                y1i.sub(u3r).intoArray(z, i1 + L);
                y1r.sub(u3i).intoArray(z, i3);
                y1i.add(u3r).intoArray(z, i3 + L);
            }
        }
    }

    /** {@link #radix4} with {@code h = 1}: all twiddles are 1, a plain 4-point DFT per group. */
    private static void firstRadix4(double[] z, int from, int to) {
        for (int g = from; g < to; g += 4) {
            int i0 = g * L2;
            int i1 = i0 + L2;
            int i2 = i1 + L2;
            int i3 = i2 + L2;
            DoubleVector x0r = DoubleVector.fromArray(S, z, i0);
            DoubleVector x0i = DoubleVector.fromArray(S, z, i0 + L);
            DoubleVector x1r = DoubleVector.fromArray(S, z, i1);
            DoubleVector x1i = DoubleVector.fromArray(S, z, i1 + L);
            DoubleVector x2r = DoubleVector.fromArray(S, z, i2);
            DoubleVector x2i = DoubleVector.fromArray(S, z, i2 + L);
            DoubleVector x3r = DoubleVector.fromArray(S, z, i3);
            DoubleVector x3i = DoubleVector.fromArray(S, z, i3 + L);
            DoubleVector y0r = x0r.add(x1r);
            DoubleVector y0i = x0i.add(x1i);
            DoubleVector y1r = x0r.sub(x1r);
            DoubleVector y1i = x0i.sub(x1i);
            DoubleVector y2r = x2r.add(x3r);
            DoubleVector y2i = x2i.add(x3i);
            DoubleVector y3r = x2r.sub(x3r);
            DoubleVector y3i = x2i.sub(x3i);
            y0r.add(y2r).intoArray(z, i0);
            y0i.add(y2i).intoArray(z, i0 + L);
            y0r.sub(y2r).intoArray(z, i2);
            y0i.sub(y2i).intoArray(z, i2 + L);
            // y3 times -i is (y3i, -y3r)
            y1r.add(y3i).intoArray(z, i1);
            y1i.sub(y3r).intoArray(z, i1 + L);
            y1r.sub(y3i).intoArray(z, i3);
            y1i.add(y3r).intoArray(z, i3 + L);
        }
    }

    /** The last radix-2 stage (span {@code 2h = m}) when log2(m) is odd. */
    private void radix2(double[] z, int h) {
        int step = m / (2 * h);
        for (int j = 0; j < h; j++) {
            double c = cosM[j * step];
            double sn = sinM[j * step];
            for (int g = j; g < m; g += 2 * h) {
                int a = g * L2;
                int b = (g + h) * L2;
                DoubleVector ar = DoubleVector.fromArray(S, z, a);
                DoubleVector ai = DoubleVector.fromArray(S, z, a + L);
                DoubleVector br = DoubleVector.fromArray(S, z, b);
                DoubleVector bi = DoubleVector.fromArray(S, z, b + L);
                DoubleVector tr = br.mul(c).add(bi.mul(sn));
                DoubleVector ti = bi.mul(c).sub(br.mul(sn));
                ar.add(tr).intoArray(z, a);
                ai.add(ti).intoArray(z, a + L);
                ar.sub(tr).intoArray(z, b);
                ai.sub(ti).intoArray(z, b + L);
            }
        }
    }

    /**
     * Real spectrum of nFft points from the half-length complex one, then |X|^2. Bins {@code k}
     * and {@code m - k} come from the same two complex values {@code Z[k]}, {@code Z[m - k]}:
     * with {@code E = (Z[k] + conj Z[m-k]) / 2}, {@code O = (Z[k] - conj Z[m-k]) / 2i} and
     * {@code P = (c - i s) O}, {@code X[k] = E + P} and {@code X[m-k] = conj(E) - conj(P)}.
     */
    private void power(double[] z, double[] power) {
        int mask = m - 1;
        for (int k = 0; k <= m / 2; k++) {
            int ka = k * L2;
            int kb = ((m - k) & mask) * L2;
            DoubleVector ar = DoubleVector.fromArray(S, z, ka);
            DoubleVector ai = DoubleVector.fromArray(S, z, ka + L);
            DoubleVector br = DoubleVector.fromArray(S, z, kb);
            DoubleVector bi = DoubleVector.fromArray(S, z, kb + L);
            DoubleVector er = ar.add(br).mul(0.5);
            DoubleVector ei = ai.sub(bi).mul(0.5);
            DoubleVector or = ai.add(bi).mul(0.5);
            DoubleVector oi = br.sub(ar).mul(0.5);
            double c = cosN[k];
            double sn = sinN[k];
            DoubleVector pr = or.mul(c).add(oi.mul(sn));
            DoubleVector pi = oi.mul(c).sub(or.mul(sn));
            DoubleVector xr = er.add(pr);
            DoubleVector xi = ei.add(pi);
            DoubleVector yr = er.sub(pr);
            DoubleVector yi = pi.sub(ei);
            xr.mul(xr).add(xi.mul(xi)).intoArray(power, k * L);
            yr.mul(yr).add(yi.mul(yi)).intoArray(power, (m - k) * L);
        }
    }

    private void mel(double[] power, double[] lanes, float[] out, int t0, int frames) {
        int nMels = filterbank.melBands();
        int valid = Math.min(L, frames - t0);
        for (int band = 0; band < nMels; band++) {
            float[] w = filterbank.rowView(band);
            DoubleVector acc = DoubleVector.zero(S);
            for (int k = filterbank.start(band), e = filterbank.end(band); k < e; k++) {
                acc = DoubleVector.fromArray(S, power, k * L).mul(w[k]).add(acc);
            }
            acc.intoArray(lanes, 0);
            int base = band * frames + t0;
            for (int l = 0; l < valid; l++) {
                out[base + l] = (float) lanes[l];
            }
        }
    }
}
