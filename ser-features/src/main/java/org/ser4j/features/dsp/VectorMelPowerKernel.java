package org.ser4j.features.dsp;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link MelPowerKernel} (Vector API, double precision). It transforms a batch of as many
 * frames as a vector has double lanes at once: lane {@code l} of every vector belongs to frame
 * {@code t0 + l}, so each butterfly is one vector operation for the whole batch and the FFT needs
 * no shuffles. Per call:
 * <ol>
 *   <li><b>columns</b>: the signal is cut into hop-long rows and stored column-major, once (8 x 8
 *       tiles transposed in registers). Sample {@code q} of frames {@code t0 .. t0 + L - 1} is
 *       then {@code L} consecutive floats: one plain vector load, no gather, and the zero padding
 *       around the signal (centring, the padded length) is just more zero rows, so edge frames
 *       take the same path as the others.</li>
 * </ol>
 * Per batch of frames, a decimation-in-frequency complex FFT of {@code m = nFft/2} points (the
 * sample pairs {@code (x[2j], x[2j+1])} being complex point {@code j}) and the mel filterbank:
 * <ol>
 *   <li>the first radix-4 pass (radix-2 when {@code log2 m} is odd) reads and windows the
 *       samples itself; decimation in frequency keeps the input in natural order, so its loads
 *       fall on two neighbouring columns;</li>
 *   <li>the middle radix-4 passes, depth first over blocks so that each block stays in the L1
 *       cache;</li>
 *   <li>the last pass (4-point DFTs, in place) fused with the real-FFT split: the output is
 *       bit-reversed, and the group holding bin {@code k} and the group holding bin {@code m - k}
 *       are transformed together, so the split's {@code |X[k]|^2} and {@code |X[m-k]|^2} are
 *       formed from L1 right away and stored in natural order;</li>
 *   <li>the filterbank in one sweep over the bins, the sums of the two bands each bin feeds in
 *       registers.</li>
 * </ol>
 * Twiddles are products by {@code c - i s} with one multiply and one FMA per part. The loops over
 * contiguous data step by compile-time constants, so that the JIT can hoist the Vector API's
 * bounds checks out of them; the butterfly is written out in each pass rather than shared through
 * a helper method, because a helper taking vectors that the JIT happens to compile on its own is
 * no longer inlined and then boxes every vector it receives. Where the vectors start in the
 * scratch array is chosen by {@link VectorAlignment}.
 *
 * <p>Loaded reflectively by {@link VectorSupport} only when {@code jdk.incubator.vector} is present.
 */
final class VectorMelPowerKernel implements MelPowerKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Doubles per packed complex point: L real parts, then L imaginary parts. */
    private static final int L2 = 2 * L;
    /** Floats with as many lanes as {@link #S}, for loading one sample of every frame at once. */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(L * 32));
    /** Floats gathered at once when the signal is cut into columns: twice {@link #F}'s lanes. */
    private static final VectorSpecies<Float> G = VectorSpecies.of(float.class, VectorShape.forBitSize(2 * L * 32));
    /** Lane {@code i} of a zip takes lane {@code i / 2} of one of two vectors (for {@code L == 8} tiles). */
    private static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromOp(F, i -> i / 2);
    /** Lane {@code i} of a zip takes lane {@code L/2 + i / 2} of one of two vectors. */
    private static final VectorShuffle<Float> ZIP_HIGH = VectorShuffle.fromOp(F, i -> F.length() / 2 + i / 2);
    /** Odd lanes of a zip come from the second vector. */
    private static final VectorMask<Float> ODD_LANES = VectorMask.fromLong(F, 0xAAAAAAAAAAAAAAAAL);
    /** Points of the blocks whose remaining passes run one after the other (256 points x 8 lanes x 16 bytes = 32 KiB, the L1 cache). */
    private static final int LEAF = 256;

    private final int nFft;
    private final int hop;
    private final int m;
    private final int nMels;
    private final double[] window;
    /** Bit reversal of {@code log2 m} bits. */
    private final int[] rev;
    /** {@code cos(2 pi k / m)}, {@code sin(2 pi k / m)}, {@code k < m/2}: twiddles of the leading radix-2 pass. */
    private final double[] cosM;
    private final double[] sinM;
    /** {@code cos(2 pi k / nFft)}, {@code sin(2 pi k / nFft)}, {@code k <= m / 2}: twiddles of the real split. */
    private final double[] cosN;
    private final double[] sinN;
    /** Groups {@code g} of the last pass with their partner group {@code partner[g] >= g}. */
    private final int[] pairFirst;
    private final int[] pairSecond;
    /** Emits of pair {@code p}: {@code [emitFrom[p], emitFrom[p + 1])}; each is bin {@code emitBin} (at most m/2) from the points at doubles {@code emitA}, {@code emitB}. */
    private final int[] emitFrom;
    private final int[] emitA;
    private final int[] emitB;
    private final int[] emitBin;
    /**
     * The filterbank as a chain: each bin's weights belong to at most two consecutive bands
     * {@code lo(k)} and {@code lo(k) + 1}, {@code lo} non-decreasing (true of every triangular
     * filterbank; the constructor refuses others, which then get the portable kernel): bins {@code [segmentEnd[b-1], segmentEnd[b])} have {@code lo = b} and add
     * {@code lowWeight[k]} to band {@code b}, {@code highWeight[k]} to band {@code b + 1}.
     */
    private final int[] segmentEnd;
    private final double[] lowWeight;
    private final double[] highWeight;
    /**
     * Twiddles of the radix-4 pass with quarter size {@code h = 4^i}, at {@code twiddles[i]}:
     * {@code cos, sin} of {@code 2 pi j e / 4h} for {@code e = 1, 2, 3}, six doubles per {@code j}.
     */
    private final double[][] twiddles;
    /** {@code floorMod(-nFft/2, hop)}: frame sample {@code q} is column-row position {@code q + shift}. */
    private final int shift;
    /** {@code floorDiv(-nFft/2, hop)}: column row 0 starts at signal sample {@code firstRow * hop}. */
    private final int firstRow;
    /** Column rows a frame spans beyond its own: sample {@code q} is in row {@code t + (q + shift) / hop}. */
    private final int rowSpan;
    private final ThreadLocal<Scratch> scratch;
    /** Gather offsets of one column's consecutive rows: {@code i * hop}. */
    private final int[] gatherRows;

    private static final class Scratch {
        /**
         * The batch's complex points from {@code zBase}, interleaved per point: {@code L} real
         * parts, then {@code L} imaginary parts; then its power spectrum from {@code powerBase},
         * {@code (m + 1) x L}: bin {@code k} of frame {@code t0 + l} at {@code k * L + l}. One
         * array, so that one offset aligns both (see {@link VectorAlignment}).
         */
        final double[] work;
        final int powerOffset;
        final VectorAlignment alignment = new VectorAlignment();
        final float[] lanes = new float[L];
        /** The signal cut into rows of {@code hop} samples, column-major: {@code columns[c * rows + r]}. */
        float[] columns = new float[0];
        /** Rows of {@link #columns} for which {@link #sampleOffset} was computed (0: none yet). */
        int rows;
        /** Index in {@link #columns} of frame sample {@code q} for frame 0. */
        final int[] sampleOffset;

        Scratch(int m, int nFft) {
            powerOffset = m * L2;
            work = new double[m * L2 + (m + 1) * L + VectorAlignment.OFFSETS - 1];
            sampleOffset = new int[nFft];
        }
    }

    VectorMelPowerKernel(int nFft, int hopLength, MelFilterbank filterbank) {
        if (nFft < 16 || Integer.bitCount(nFft) != 1 || hopLength <= 0 || filterbank.fftBins() != 1 + nFft / 2) {
            throw new IllegalArgumentException("vector kernel needs a power-of-two nFft >= 16 and a matching filterbank");
        }
        this.nFft = nFft;
        this.hop = hopLength;
        this.m = nFft / 2;
        this.nMels = filterbank.melBands();
        this.window = HannWindow.periodic(nFft);
        int bits = Integer.numberOfTrailingZeros(m);
        rev = new int[m];
        for (int j = 0; j < m; j++) {
            rev[j] = Integer.reverse(j) >>> (32 - bits);
        }
        cosM = new double[m / 2];
        sinM = new double[m / 2];
        for (int k = 0; k < m / 2; k++) {
            cosM[k] = Math.cos(2 * Math.PI * k / m);
            sinM[k] = Math.sin(2 * Math.PI * k / m);
        }
        cosN = new double[m / 2 + 1];
        sinN = new double[m / 2 + 1];
        for (int k = 0; k <= m / 2; k++) {
            cosN[k] = Math.cos(2 * Math.PI * k / nFft);
            sinN[k] = Math.sin(2 * Math.PI * k / nFft);
        }
        // Group g of the last pass holds positions 4g..4g+3, i.e. bins k = rev[4g + d]; bin
        // m - k sits in the group holding position rev[(m - k) % m]. Groups 0 and 1 are their own
        // partners. Each pair of groups emits its bins k <= m/2 (with their mirrors m - k).
        int groups = m / 4;
        int[] first = new int[groups];
        int[] second = new int[groups];
        int[] from = new int[groups + 1];
        emitA = new int[m / 2 + 1];
        emitB = new int[m / 2 + 1];
        emitBin = new int[m / 2 + 1];
        boolean[] emitted = new boolean[m / 2 + 1];
        int pairs = 0;
        int emits = 0;
        for (int g = 0; g < groups; g++) {
            int partner = rev[(m - rev[4 * g]) & (m - 1)] / 4;
            if (partner < g) {
                continue;
            }
            first[pairs] = g;
            second[pairs] = partner;
            from[pairs++] = emits;
            for (int p : new int[] {4 * g, 4 * g + 1, 4 * g + 2, 4 * g + 3,
                    4 * partner, 4 * partner + 1, 4 * partner + 2, 4 * partner + 3}) {
                int k = rev[p];
                if (k <= m / 2 && !emitted[k]) {
                    emitted[k] = true;
                    emitA[emits] = p * L2;
                    emitB[emits] = rev[(m - k) & (m - 1)] * L2;
                    emitBin[emits++] = k;
                }
            }
        }
        if (emits != m / 2 + 1) {
            throw new IllegalStateException("last-pass plan covers " + emits + " bin pairs, expected " + (m / 2 + 1));
        }
        from[pairs] = emits;
        pairFirst = Arrays.copyOf(first, pairs);
        pairSecond = Arrays.copyOf(second, pairs);
        emitFrom = Arrays.copyOf(from, pairs + 1);
        // the filterbank as a chain of overlapping neighbours (see segmentEnd)
        int[] lo = new int[m + 1];
        double[] low = new double[m + 1];
        double[] high = new double[m + 1];
        Arrays.fill(lo, -1);
        for (int band = 0; band < nMels; band++) {
            for (int k = filterbank.start(band); k < filterbank.end(band); k++) {
                float w = filterbank.weight(band, k);
                if (w == 0f) {
                    continue;
                }
                if (lo[k] < 0) {
                    lo[k] = band;
                    low[k] = w;
                } else if (band == lo[k] + 1) {
                    high[k] = w;
                } else {
                    throw new IllegalArgumentException("vector kernel needs a filterbank whose bands overlap only their neighbours");
                }
            }
        }
        int previous = 0;
        for (int k = 0; k <= m; k++) {
            if (lo[k] >= 0) {
                if (lo[k] < previous) {
                    throw new IllegalArgumentException("vector kernel needs a filterbank whose bands rise with frequency");
                }
                previous = lo[k];
            }
        }
        // segment b ends after the last bin whose lowest band is b (or where segment b-1 ends)
        int[] ends = new int[nMels];
        for (int band = 0; band < nMels; band++) {
            int end = band == 0 ? 0 : ends[band - 1];
            for (int j = end; j <= m; j++) {
                if (lo[j] == band) {
                    end = j + 1;
                } else if (lo[j] > band) {
                    break;
                }
            }
            ends[band] = end;
        }
        segmentEnd = ends;
        lowWeight = low;
        highWeight = high;
        twiddles = new double[Integer.numberOfTrailingZeros(m) / 2 + 1][];
        for (int h = 1; 4 * h <= m; h *= 4) {
            double[] t = new double[6 * h];
            for (int j = 0; j < h; j++) {
                for (int e = 1; e <= 3; e++) {
                    t[6 * j + 2 * (e - 1)] = Math.cos(2 * Math.PI * j * e / (4 * h));
                    t[6 * j + 2 * (e - 1) + 1] = Math.sin(2 * Math.PI * j * e / (4 * h));
                }
            }
            twiddles[Integer.numberOfTrailingZeros(h) / 2] = t;
        }
        firstRow = Math.floorDiv(-nFft / 2, hopLength);
        shift = Math.floorMod(-nFft / 2, hopLength);
        rowSpan = (nFft - 1 + shift) / hopLength;
        gatherRows = new int[G.length()];
        for (int i = 0; i < gatherRows.length; i++) {
            gatherRows[i] = i * hopLength;
        }
        scratch = ThreadLocal.withInitial(() -> new Scratch(m, nFft));
    }

    @Override
    public String name() {
        return "vector-" + L + "x64";
    }

    @Override
    public void melPower(float[] signal, float[] out) {
        melPowerPadded(signal, signal.length, out);
    }

    /** Samples past the end of {@code signal} read as zeros, so no padded copy is made. */
    @Override
    public void melPowerPadded(float[] signal, int length, float[] out) {
        if (signal.length > length) {
            throw new IllegalArgumentException("signal has " + signal.length + " samples, more than the padded length " + length);
        }
        int frames = Framing.centeredFrameCount(length, hop);
        int[] audible = Framing.audibleFrameRange(signal, nFft, hop);
        int ownFrames = Framing.centeredFrameCount(signal.length, hop);
        if (frames > ownFrames && audible[0] <= audible[1] && audible[1] >= ownFrames - 1) {
            // the range was clamped to the unpadded signal's frames; frames reaching back into it
            // from the padding can still hold its last samples
            audible[1] = Math.min(frames - 1, ownFrames + (nFft / 2) / hop);
        }
        Scratch s = scratch.get();
        int batches = (frames + L - 1) / L;
        int rows = batches * L + rowSpan;
        boolean silent = audible[0] > audible[1];
        if (!silent) {
            // only the rows that the batches to be transformed read
            int firstBatchRow = (audible[0] / L) * L;
            int lastBatchRow = Math.min(rows, (audible[1] / L) * L + L + rowSpan);
            columns(signal, rows, firstBatchRow, lastBatchRow, s);
        }
        int zb = s.alignment.offset();
        int pb = zb + s.powerOffset;
        double[] work = s.work;
        long started = System.nanoTime();
        int transformed = 0;
        for (int b = 0; b < batches; b++) {
            int t0 = b * L;
            int valid = Math.min(L, frames - t0);
            if (silent || t0 + L - 1 < audible[0] || t0 > audible[1]) {
                // the whole batch sees only zeros: its spectrum is exactly zero
                for (int band = 0; band < nMels; band++) {
                    Arrays.fill(out, band * frames + t0, band * frames + t0 + valid, 0f);
                }
                continue;
            }
            firstPass(s, zb, t0);
            for (int from = 0; from < m; from += firstBlock()) {
                block(work, zb, from, firstBlock());
            }
            lastPassToPower(work, zb, pb);
            mel(work, pb, s.lanes, out, t0, valid, frames);
            transformed++;
        }
        s.alignment.record(zb, System.nanoTime() - started, transformed);
    }

    /** Size of the independent blocks the first pass leaves: {@code m / 4}, or {@code m / 2} when {@code log2 m} is odd. */
    private int firstBlock() {
        return (Integer.numberOfTrailingZeros(m) & 1) == 0 ? m / 4 : m / 2;
    }

    /** Fills {@code s.columns[c * rows + r] = y[(r + firstRow) * hop + c]} for rows {@code [rowFrom, rowTo)}, zero outside the signal. */
    private void columns(float[] y, int rows, int rowFrom, int rowTo, Scratch s) {
        int size = rows * hop;
        if (s.columns.length < size) {
            s.columns = new float[size];
        }
        if (s.rows != rows) {
            for (int q = 0; q < nFft; q++) {
                int u = q + shift;
                s.sampleOffset[q] = (u % hop) * rows + u / hop;
            }
            s.rows = rows;
        }
        float[] cols = s.columns;
        int n = y.length;
        // A block of G rows at a time. Inside the signal: 8 x 8 tiles transposed in registers
        // when the lanes and the hop allow it, else one gather per column; at the signal's ends
        // element by element.
        int[] rowIndex = gatherRows;
        boolean tiles = L == 8 && hop % 8 == 0;
        for (int r0 = rowFrom; r0 < rowTo; r0 += G.length()) {
            int r1 = Math.min(rowTo, r0 + G.length());
            int lo = (r0 + firstRow) * hop;
            int hi = (r1 + firstRow) * hop;
            if (lo >= 0 && hi <= n && r1 - r0 == G.length() && tiles) {
                for (int rb = r0; rb < r1; rb += 8) {
                    transposeTiles(y, (rb + firstRow) * hop, cols, rb, rows);
                }
            } else if (lo >= 0 && hi <= n && r1 - r0 == G.length()) {
                for (int c = 0; c < hop; c++) {
                    FloatVector.fromArray(G, y, lo + c, rowIndex, 0).intoArray(cols, c * rows + r0);
                }
            } else {
                for (int c = 0; c < hop; c++) {
                    int dst = c * rows;
                    for (int r = r0, src = lo + c; r < r1; r++, src += hop) {
                        cols[dst + r] = src >= 0 && src < n ? y[src] : 0f;
                    }
                }
            }
        }
    }

    /**
     * Rows {@code row .. row + 7} of the columns (8 rows of {@code hop} samples from
     * {@code y[start]}), 8 x 8 tiles at a time: three perfect shuffles of the tile's 8 row vectors
     * transpose it ({@code zip} of vectors {@code i} and {@code i + 4} into {@code 2i} and
     * {@code 2i + 1}), then each column's 8 values are one store. Only for {@code L == 8}.
     */
    private void transposeTiles(float[] y, int start, float[] cols, int row, int rows) {
        int h = hop;
        for (int c0 = 0; c0 < h; c0 += 8) {
            int src = start + c0;
            FloatVector v0 = FloatVector.fromArray(F, y, src);
            FloatVector v1 = FloatVector.fromArray(F, y, src + h);
            FloatVector v2 = FloatVector.fromArray(F, y, src + 2 * h);
            FloatVector v3 = FloatVector.fromArray(F, y, src + 3 * h);
            FloatVector v4 = FloatVector.fromArray(F, y, src + 4 * h);
            FloatVector v5 = FloatVector.fromArray(F, y, src + 5 * h);
            FloatVector v6 = FloatVector.fromArray(F, y, src + 6 * h);
            FloatVector v7 = FloatVector.fromArray(F, y, src + 7 * h);
            // three rounds of zips, written out: a vector carried around a loop or passed to a
            // helper method may be boxed by the JIT
            FloatVector w0 = v0.rearrange(ZIP_LOW).blend(v4.rearrange(ZIP_LOW), ODD_LANES);
            FloatVector w1 = v0.rearrange(ZIP_HIGH).blend(v4.rearrange(ZIP_HIGH), ODD_LANES);
            FloatVector w2 = v1.rearrange(ZIP_LOW).blend(v5.rearrange(ZIP_LOW), ODD_LANES);
            FloatVector w3 = v1.rearrange(ZIP_HIGH).blend(v5.rearrange(ZIP_HIGH), ODD_LANES);
            FloatVector w4 = v2.rearrange(ZIP_LOW).blend(v6.rearrange(ZIP_LOW), ODD_LANES);
            FloatVector w5 = v2.rearrange(ZIP_HIGH).blend(v6.rearrange(ZIP_HIGH), ODD_LANES);
            FloatVector w6 = v3.rearrange(ZIP_LOW).blend(v7.rearrange(ZIP_LOW), ODD_LANES);
            FloatVector w7 = v3.rearrange(ZIP_HIGH).blend(v7.rearrange(ZIP_HIGH), ODD_LANES);
            v0 = w0.rearrange(ZIP_LOW).blend(w4.rearrange(ZIP_LOW), ODD_LANES);
            v1 = w0.rearrange(ZIP_HIGH).blend(w4.rearrange(ZIP_HIGH), ODD_LANES);
            v2 = w1.rearrange(ZIP_LOW).blend(w5.rearrange(ZIP_LOW), ODD_LANES);
            v3 = w1.rearrange(ZIP_HIGH).blend(w5.rearrange(ZIP_HIGH), ODD_LANES);
            v4 = w2.rearrange(ZIP_LOW).blend(w6.rearrange(ZIP_LOW), ODD_LANES);
            v5 = w2.rearrange(ZIP_HIGH).blend(w6.rearrange(ZIP_HIGH), ODD_LANES);
            v6 = w3.rearrange(ZIP_LOW).blend(w7.rearrange(ZIP_LOW), ODD_LANES);
            v7 = w3.rearrange(ZIP_HIGH).blend(w7.rearrange(ZIP_HIGH), ODD_LANES);
            w0 = v0.rearrange(ZIP_LOW).blend(v4.rearrange(ZIP_LOW), ODD_LANES);
            w1 = v0.rearrange(ZIP_HIGH).blend(v4.rearrange(ZIP_HIGH), ODD_LANES);
            w2 = v1.rearrange(ZIP_LOW).blend(v5.rearrange(ZIP_LOW), ODD_LANES);
            w3 = v1.rearrange(ZIP_HIGH).blend(v5.rearrange(ZIP_HIGH), ODD_LANES);
            w4 = v2.rearrange(ZIP_LOW).blend(v6.rearrange(ZIP_LOW), ODD_LANES);
            w5 = v2.rearrange(ZIP_HIGH).blend(v6.rearrange(ZIP_HIGH), ODD_LANES);
            w6 = v3.rearrange(ZIP_LOW).blend(v7.rearrange(ZIP_LOW), ODD_LANES);
            w7 = v3.rearrange(ZIP_HIGH).blend(v7.rearrange(ZIP_HIGH), ODD_LANES);
            int dst = c0 * rows + row;
            w0.intoArray(cols, dst);
            w1.intoArray(cols, dst + rows);
            w2.intoArray(cols, dst + 2 * rows);
            w3.intoArray(cols, dst + 3 * rows);
            w4.intoArray(cols, dst + 4 * rows);
            w5.intoArray(cols, dst + 5 * rows);
            w6.intoArray(cols, dst + 6 * rows);
            w7.intoArray(cols, dst + 7 * rows);
        }
    }

    /**
     * The first pass, reading the frames: a radix-4 (or, for odd {@code log2 m}, radix-2)
     * decimation-in-frequency pass over all {@code m} points, each sample windowed as it is
     * loaded. The butterfly is {@link #pass}'s, written out again on purpose: a helper taking
     * vectors is inlined only while the JIT has not compiled it on its own, and when it is not,
     * every vector it receives is boxed, which made the whole kernel four times slower.
     */
    private void firstPass(Scratch s, int zb, int t0) {
        float[] cols = s.columns;
        int[] off = s.sampleOffset;
        double[] z = s.work;
        if ((Integer.numberOfTrailingZeros(m) & 1) == 1) {
            firstPassRadix2(cols, off, z, zb, t0);
            return;
        }
        firstPassRadix4(cols, off, z, zb, t0);
    }

    /** {@link #firstPass} for odd {@code log2 m}: one radix-2 pass of half size {@code m/2}. */
    private void firstPassRadix2(float[] cols, int[] off, double[] z, int zb, int t0) {
        double[] w = window;
        {
            int h = m / 2;
            for (int j = 0; j < h; j++) {
                int q0 = 2 * j;
                int q1 = 2 * (j + h);
                DoubleVector ar = ((DoubleVector) FloatVector.fromArray(F, cols, off[q0] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q0]);
                DoubleVector ai = ((DoubleVector) FloatVector.fromArray(F, cols, off[q0 + 1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q0 + 1]);
                DoubleVector br = ((DoubleVector) FloatVector.fromArray(F, cols, off[q1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q1]);
                DoubleVector bi = ((DoubleVector) FloatVector.fromArray(F, cols, off[q1 + 1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q1 + 1]);
                DoubleVector c = DoubleVector.broadcast(S, cosM[j]);
                DoubleVector sn = DoubleVector.broadcast(S, sinM[j]);
                DoubleVector ns = DoubleVector.broadcast(S, -sinM[j]);
                DoubleVector dr = ar.sub(br);
                DoubleVector di = ai.sub(bi);
                ar.add(br).intoArray(z, zb + j * L2);
                ai.add(bi).intoArray(z, zb + j * L2 + L);
                di.fma(sn, dr.mul(c)).intoArray(z, zb + (j + h) * L2);
                dr.fma(ns, di.mul(c)).intoArray(z, zb + (j + h) * L2 + L);
            }
        }
    }

    /** {@link #firstPass} for even {@code log2 m}: one radix-4 pass of quarter size {@code m/4}. */
    private void firstPassRadix4(float[] cols, int[] off, double[] z, int zb, int t0) {
        double[] w = window;
        int h = m / 4;
        int d = h * L2;
        double[] tw = twiddles[Integer.numberOfTrailingZeros(h) / 2];
        for (int j = 0; j < h; j++) {
            int q0 = 2 * j;
            int q1 = 2 * (j + h);
            int q2 = 2 * (j + 2 * h);
            int q3 = 2 * (j + 3 * h);
            // the window is folded into the first butterflies: x0 w0 + x2 w2 = fma(x2, w2, x0 w0)
            DoubleVector x0r = ((DoubleVector) FloatVector.fromArray(F, cols, off[q0] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q0]);
            DoubleVector x0i = ((DoubleVector) FloatVector.fromArray(F, cols, off[q0 + 1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q0 + 1]);
            DoubleVector x1r = ((DoubleVector) FloatVector.fromArray(F, cols, off[q1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q1]);
            DoubleVector x1i = ((DoubleVector) FloatVector.fromArray(F, cols, off[q1 + 1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q1 + 1]);
            DoubleVector x2r = (DoubleVector) FloatVector.fromArray(F, cols, off[q2] + t0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector x2i = (DoubleVector) FloatVector.fromArray(F, cols, off[q2 + 1] + t0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector x3r = (DoubleVector) FloatVector.fromArray(F, cols, off[q3] + t0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector x3i = (DoubleVector) FloatVector.fromArray(F, cols, off[q3 + 1] + t0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector w2r = DoubleVector.broadcast(S, w[q2]);
            DoubleVector nw2r = DoubleVector.broadcast(S, -w[q2]);
            DoubleVector w2i = DoubleVector.broadcast(S, w[q2 + 1]);
            DoubleVector nw2i = DoubleVector.broadcast(S, -w[q2 + 1]);
            DoubleVector w3r = DoubleVector.broadcast(S, w[q3]);
            DoubleVector nw3r = DoubleVector.broadcast(S, -w[q3]);
            DoubleVector w3i = DoubleVector.broadcast(S, w[q3 + 1]);
            DoubleVector nw3i = DoubleVector.broadcast(S, -w[q3 + 1]);
            int i0 = zb + j * L2;
            DoubleVector a0r = x2r.fma(w2r, x0r);
            DoubleVector a0i = x2i.fma(w2i, x0i);
            DoubleVector a1r = x2r.fma(nw2r, x0r);
            DoubleVector a1i = x2i.fma(nw2i, x0i);
            DoubleVector b0r = x3r.fma(w3r, x1r);
            DoubleVector b0i = x3i.fma(w3i, x1i);
            DoubleVector b1r = x3r.fma(nw3r, x1r);
            DoubleVector b1i = x3i.fma(nw3i, x1i);
            a0r.add(b0r).intoArray(z, i0);
            a0i.add(b0i).intoArray(z, i0 + L);
            DoubleVector yr = a0r.sub(b0r);
            DoubleVector yi = a0i.sub(b0i);
            DoubleVector c = DoubleVector.broadcast(S, tw[6 * j + 2]);
            DoubleVector sn = DoubleVector.broadcast(S, tw[6 * j + 3]);
            DoubleVector ns = DoubleVector.broadcast(S, -tw[6 * j + 3]);
            yi.fma(sn, yr.mul(c)).intoArray(z, i0 + d);
            yr.fma(ns, yi.mul(c)).intoArray(z, i0 + d + L);
            yr = a1r.add(b1i);
            yi = a1i.sub(b1r);
            c = DoubleVector.broadcast(S, tw[6 * j]);
            sn = DoubleVector.broadcast(S, tw[6 * j + 1]);
            ns = DoubleVector.broadcast(S, -tw[6 * j + 1]);
            yi.fma(sn, yr.mul(c)).intoArray(z, i0 + 2 * d);
            yr.fma(ns, yi.mul(c)).intoArray(z, i0 + 2 * d + L);
            yr = a1r.sub(b1i);
            yi = a1i.add(b1r);
            c = DoubleVector.broadcast(S, tw[6 * j + 4]);
            sn = DoubleVector.broadcast(S, tw[6 * j + 5]);
            ns = DoubleVector.broadcast(S, -tw[6 * j + 5]);
            yi.fma(sn, yr.mul(c)).intoArray(z, i0 + 3 * d);
            yr.fma(ns, yi.mul(c)).intoArray(z, i0 + 3 * d + L);
        }
    }

    /**
     * The passes after the first on the independent block {@code [from, from + size)}: radix-4
     * passes with quarter sizes {@code size/4, size/16, ..., 4}, depth first into quarters while
     * the block is larger than the L1 cache ({@link #LEAF}); the last pass (quarter size 1) is
     * {@link #lastPassToPower}'s.
     */
    private void block(double[] z, int zb, int from, int size) {
        if (size > LEAF) {
            pass(z, zb + from * L2, size / 4);
            for (int q = 0; q < 4; q++) {
                block(z, zb, from + q * (size / 4), size / 4);
            }
            return;
        }
        for (int h = size / 4; h >= 4; h /= 4) {
            for (int g = from; g < from + size; g += 4 * h) {
                pass(z, zb + g * L2, h);
            }
        }
    }

    /**
     * One radix-4 decimation-in-frequency group (two radix-2 stages fused) with quarter size
     * {@code h}: for {@code j < h}, on the points {@code g + j + {0, h, 2h, 3h}}, with
     * {@code W = exp(-2 pi i / 4h)}, {@code y0 = (x0 + x2) + (x1 + x3)},
     * {@code y1 = W^2j ((x0 + x2) - (x1 + x3))}, {@code y2 = W^j ((x0 - x2) - i (x1 - x3))},
     * {@code y3 = W^3j ((x0 - x2) + i (x1 - x3))}; a product by {@code W^e = c - i s} is
     * {@code (xr c + xi s) + i (xi c - xr s)}. The loop runs over {@code j}, whose points are
     * contiguous.
     */
    private void pass(double[] z, int base, int h) {
        double[] tw = twiddles[Integer.numberOfTrailingZeros(h) / 2];
        int d = h * L2;
        for (int j = 0; j < h; j++) {
            int i0 = base + j * L2;
            DoubleVector x0r = DoubleVector.fromArray(S, z, i0);
            DoubleVector x0i = DoubleVector.fromArray(S, z, i0 + L);
            DoubleVector x1r = DoubleVector.fromArray(S, z, i0 + d);
            DoubleVector x1i = DoubleVector.fromArray(S, z, i0 + d + L);
            DoubleVector x2r = DoubleVector.fromArray(S, z, i0 + 2 * d);
            DoubleVector x2i = DoubleVector.fromArray(S, z, i0 + 2 * d + L);
            DoubleVector x3r = DoubleVector.fromArray(S, z, i0 + 3 * d);
            DoubleVector x3i = DoubleVector.fromArray(S, z, i0 + 3 * d + L);
            DoubleVector a0r = x0r.add(x2r);
            DoubleVector a0i = x0i.add(x2i);
            DoubleVector a1r = x0r.sub(x2r);
            DoubleVector a1i = x0i.sub(x2i);
            DoubleVector b0r = x1r.add(x3r);
            DoubleVector b0i = x1i.add(x3i);
            DoubleVector b1r = x1r.sub(x3r);
            DoubleVector b1i = x1i.sub(x3i);
            a0r.add(b0r).intoArray(z, i0);
            a0i.add(b0i).intoArray(z, i0 + L);
            DoubleVector yr = a0r.sub(b0r);
            DoubleVector yi = a0i.sub(b0i);
            DoubleVector c = DoubleVector.broadcast(S, tw[6 * j + 2]);
            DoubleVector sn = DoubleVector.broadcast(S, tw[6 * j + 3]);
            DoubleVector ns = DoubleVector.broadcast(S, -tw[6 * j + 3]);
            yi.fma(sn, yr.mul(c)).intoArray(z, i0 + d);
            yr.fma(ns, yi.mul(c)).intoArray(z, i0 + d + L);
            yr = a1r.add(b1i);
            yi = a1i.sub(b1r);
            c = DoubleVector.broadcast(S, tw[6 * j]);
            sn = DoubleVector.broadcast(S, tw[6 * j + 1]);
            ns = DoubleVector.broadcast(S, -tw[6 * j + 1]);
            yi.fma(sn, yr.mul(c)).intoArray(z, i0 + 2 * d);
            yr.fma(ns, yi.mul(c)).intoArray(z, i0 + 2 * d + L);
            yr = a1r.sub(b1i);
            yi = a1i.add(b1r);
            c = DoubleVector.broadcast(S, tw[6 * j + 4]);
            sn = DoubleVector.broadcast(S, tw[6 * j + 5]);
            ns = DoubleVector.broadcast(S, -tw[6 * j + 5]);
            yi.fma(sn, yr.mul(c)).intoArray(z, i0 + 3 * d);
            yr.fma(ns, yi.mul(c)).intoArray(z, i0 + 3 * d + L);
        }
    }

    /**
     * The last pass (twiddle-free 4-point DFTs of groups {@code 4g .. 4g+3}, in place), fused
     * with the real split and {@code |X|^2}: right after a group and its partner are transformed,
     * their bins are formed from L1 and stored in natural order. Stores 4 x the power (the
     * split's halvings are left out and undone in {@link #mel}).
     *
     * <p>Bins {@code k} and {@code m - k} ({@code k <= m/2}) of the real spectrum come from
     * {@code A = Z[k]} and {@code B = Z[m - k]} ({@code B = A} for {@code k = 0}, giving bins 0
     * and {@code m}): with {@code 2E = A + conj B}, {@code 2O = (A - conj B) / i} and
     * {@code 2P = (c - i s) 2O}, {@code 2X[k] = 2E + 2P} and {@code 2X[m-k] = conj(2E) - conj(2P)}.
     */
    private void lastPassToPower(double[] z, int zb, int pb) {
        double[] power = z;
        int[] first = pairFirst;
        int[] second = pairSecond;
        int[] from = emitFrom;
        for (int p = 0; p < first.length; p++) {
            for (int g = first[p], last = second[p]; g <= last; g += Math.max(1, last - g)) {
                int a = zb + 4 * g * L2;
                DoubleVector x0r = DoubleVector.fromArray(S, z, a);
                DoubleVector x0i = DoubleVector.fromArray(S, z, a + L);
                DoubleVector x1r = DoubleVector.fromArray(S, z, a + L2);
                DoubleVector x1i = DoubleVector.fromArray(S, z, a + L2 + L);
                DoubleVector x2r = DoubleVector.fromArray(S, z, a + 2 * L2);
                DoubleVector x2i = DoubleVector.fromArray(S, z, a + 2 * L2 + L);
                DoubleVector x3r = DoubleVector.fromArray(S, z, a + 3 * L2);
                DoubleVector x3i = DoubleVector.fromArray(S, z, a + 3 * L2 + L);
                DoubleVector a0r = x0r.add(x2r);
                DoubleVector a0i = x0i.add(x2i);
                DoubleVector a1r = x0r.sub(x2r);
                DoubleVector a1i = x0i.sub(x2i);
                DoubleVector b0r = x1r.add(x3r);
                DoubleVector b0i = x1i.add(x3i);
                DoubleVector b1r = x1r.sub(x3r);
                DoubleVector b1i = x1i.sub(x3i);
                a0r.add(b0r).intoArray(z, a);
                a0i.add(b0i).intoArray(z, a + L);
                a0r.sub(b0r).intoArray(z, a + L2);
                a0i.sub(b0i).intoArray(z, a + L2 + L);
                a1r.add(b1i).intoArray(z, a + 2 * L2);
                a1i.sub(b1r).intoArray(z, a + 2 * L2 + L);
                a1r.sub(b1i).intoArray(z, a + 3 * L2);
                a1i.add(b1r).intoArray(z, a + 3 * L2 + L);
            }
            for (int e = from[p]; e < from[p + 1]; e++) {
                int k = emitBin[e];
                int ia = zb + emitA[e];
                int ib = zb + emitB[e];
                DoubleVector ar = DoubleVector.fromArray(S, z, ia);
                DoubleVector ai = DoubleVector.fromArray(S, z, ia + L);
                DoubleVector br = DoubleVector.fromArray(S, z, ib);
                DoubleVector bi = DoubleVector.fromArray(S, z, ib + L);
                DoubleVector er = ar.add(br);
                DoubleVector ei = ai.sub(bi);
                DoubleVector or = ai.add(bi);
                DoubleVector oi = br.sub(ar);
                DoubleVector c = DoubleVector.broadcast(S, cosN[k]);
                DoubleVector sn = DoubleVector.broadcast(S, sinN[k]);
                DoubleVector ns = DoubleVector.broadcast(S, -sinN[k]);
                DoubleVector pr = oi.fma(sn, or.mul(c));
                DoubleVector pi = or.fma(ns, oi.mul(c));
                DoubleVector xr = er.add(pr);
                DoubleVector xi = ei.add(pi);
                xr.fma(xr, xi.mul(xi)).intoArray(power, pb + k * L);
                xr = er.sub(pr);
                xi = pi.sub(ei);
                xr.fma(xr, xi.mul(xi)).intoArray(power, pb + (m - k) * L);
            }
        }
    }

    /**
     * The filterbank on the batch's power spectrum, and the batch's mel values (a quarter of the
     * sums) stored as floats into {@code out}: one sweep over the bins, each power loaded once for
     * its two bands; four independent sums (bands {@code b} and {@code b + 1}, even and odd
     * steps) keep the FMAs from waiting on one another.
     */
    private void mel(double[] power, int pb, float[] lanes, float[] out, int t0, int valid, int frames) {
        int[] ends = segmentEnd;
        double[] low = lowWeight;
        double[] high = highWeight;
        DoubleVector lowEven = DoubleVector.zero(S);
        DoubleVector lowOdd = DoubleVector.zero(S);
        DoubleVector highEven = DoubleVector.zero(S);
        DoubleVector highOdd = DoubleVector.zero(S);
        int k = 0;
        for (int band = 0; band < nMels; band++) {
            int end = ends[band];
            for (; k + 1 < end; k += 2) {
                DoubleVector p0 = DoubleVector.fromArray(S, power, pb + k * L);
                DoubleVector p1 = DoubleVector.fromArray(S, power, pb + k * L + L);
                lowEven = p0.fma(DoubleVector.broadcast(S, low[k]), lowEven);
                highEven = p0.fma(DoubleVector.broadcast(S, high[k]), highEven);
                lowOdd = p1.fma(DoubleVector.broadcast(S, low[k + 1]), lowOdd);
                highOdd = p1.fma(DoubleVector.broadcast(S, high[k + 1]), highOdd);
            }
            if (k < end) {
                DoubleVector p0 = DoubleVector.fromArray(S, power, pb + k * L);
                lowEven = p0.fma(DoubleVector.broadcast(S, low[k]), lowEven);
                highEven = p0.fma(DoubleVector.broadcast(S, high[k]), highEven);
                k++;
            }
            FloatVector v = (FloatVector) lowEven.add(lowOdd).mul(0.25).convertShape(VectorOperators.D2F, F, 0);
            int at = band * frames + t0;
            if (valid == L) {
                v.intoArray(out, at);
            } else {
                v.intoArray(lanes, 0);
                System.arraycopy(lanes, 0, out, at, valid);
            }
            lowEven = highEven;
            lowOdd = highOdd;
            highEven = DoubleVector.zero(S);
            highOdd = DoubleVector.zero(S);
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
}
