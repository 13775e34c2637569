package org.ser4j.features.dsp;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link MelPowerKernel} (Vector API, double precision). It transforms a batch of as many
 * frames as a vector has double lanes at once: lane {@code l} of every vector belongs to frame
 * {@code t0 + l}, so each butterfly is one vector operation for the whole batch and the FFT needs
 * no shuffles. Per call:
 * <ol>
 *   <li><b>columns</b>: the signal is cut into hop-long rows and stored column-major, once (one
 *       gather per column and block of rows). Sample {@code q} of frames {@code t0 .. t0 + L - 1} is
 *       then {@code L} consecutive floats: one plain vector load, no gather, and the zero padding
 *       around the signal (centring, the padded length) is just more zero rows, so edge frames
 *       take the same path as the others.</li>
 * </ol>
 * Per batch of frames, a decimation-in-time complex FFT of {@code m = nFft/2} points (the
 * sample pairs {@code (x[2j], x[2j+1])} being complex point {@code j}) and the mel filterbank:
 * <ol>
 *   <li>depth first over blocks that stay in the L1 cache: the first stage (radix 4, or radix 2
 *       when {@code log2 m} is odd) reads and windows the samples itself, in digit-reversed
 *       order (the four inputs of a group lie {@code m/4} points apart, so for {@code nFft = 4 hop}
 *       they are one column's neighbouring rows), then the radix-4 stages that merge the block's
 *       sub-transforms;</li>
 *   <li>the last stage fused with the real-FFT split: decimation in time leaves the output in
 *       natural order, so the merges yielding bin {@code k} and bin {@code m - k} are two streams
 *       through the points, one forward and one backward; their outputs go to a small scratch
 *       that stays in L1 and {@code |X[k]|^2}, {@code |X[m-k]|^2} are formed from it right
 *       away;</li>
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
    /**
     * The only float shape this kernel uses: the preferred one, twice {@link #S}'s lanes, whose
     * low or high half converts to one {@link #S} vector. On JDK 17 the Vector API's shared entry
     * points ({@code FloatVector.fromArray}, {@code intoArray}, ...) keep one type profile for all
     * shapes: a second float shape anywhere in the JVM makes C2 box every float vector, in this
     * kernel and in every other Vector API user (the training kernels ran 10-30x slower after
     * features had been extracted in the same JVM). So every Vector API kernel of ser4j uses the
     * preferred float and double species only ({@code SingleVectorShapeTest} checks it).
     */
    private static final VectorSpecies<Float> G = FloatVector.SPECIES_PREFERRED;
    /** Points of the blocks whose remaining passes run one after the other (256 points x 8 lanes x 16 bytes = 32 KiB, the L1 cache). */
    private static final int LEAF = 256;

    private final int nFft;
    private final int hop;
    private final int m;
    private final int nMels;
    private final double[] window;
    /** Radix of the first stage: 4, or 2 when {@code log2 m} is odd; all later stages are radix 4. */
    private final int firstRadix;
    /**
     * Decimation in time wants its input in digit-reversed order: first-stage group {@code g}
     * (positions {@code g r .. g r + r - 1}, {@code r = firstRadix}) takes the complex points
     * {@code groupPoint[g] + t m / r}.
     */
    private final int[] groupPoint;
    /** {@code cos(2 pi k / nFft)}, {@code sin(2 pi k / nFft)}, {@code k <= m / 2}: twiddles of the real split. */
    private final double[] cosN;
    private final double[] sinN;
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
     * Twiddles of the radix-4 stage with quarter size {@code h}, at {@code twiddles[log2 h]}:
     * {@code cos, sin} of {@code 2 pi j e / 4h} for {@code e = 1, 2, 3}, six doubles per {@code j}.
     */
    private final double[][] twiddles;
    /** {@code floorMod(-nFft/2, hop)}: frame sample {@code q} is column-row position {@code q + shift}. */
    private final int shift;
    /** {@code floorDiv(-nFft/2, hop)}: column row 0 starts at signal sample {@code firstRow * hop}. */
    private final int firstRow;
    /** Column rows a frame spans beyond its own: sample {@code q} is in row {@code t + (q + shift) / hop}. */
    private final int rowSpan;
    /**
     * Scratches not in use. A call borrows one (or makes one) and gives it back, so memory follows
     * the number of concurrent calls, not the number of threads that ever called (a
     * {@code ThreadLocal} would keep half a megabyte alive per pooled or virtual thread, and pin
     * this class's loader in application servers).
     */
    private final ConcurrentLinkedQueue<Scratch> pool = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();
    /** Scratches kept after a burst of concurrent calls: twice the processors, at least 2. */
    private static final int MAX_POOLED = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
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
        /** Where the last stage keeps the outputs of the two merges it is emitting. */
        final int lastOffset;
        final VectorAlignment alignment = new VectorAlignment();
        final float[] lanes = new float[2 * L];
        /** The signal cut into rows of {@code hop} samples, column-major: {@code columns[c * rows + r]}. */
        float[] columns = new float[0];
        /** Rows of {@link #columns} for which {@link #sampleOffset} was computed (0: none yet). */
        int rows;
        /** Index in {@link #columns} of frame sample {@code q} for frame 0. */
        final int[] sampleOffset;

        Scratch(int m, int nFft) {
            powerOffset = m * L2;
            lastOffset = powerOffset + (m + 1) * L;
            work = new double[lastOffset + 8 * L2 + VectorAlignment.OFFSETS - 1];
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
        firstRadix = (Integer.numberOfTrailingZeros(m) & 1) == 0 ? 4 : 2;
        groupPoint = new int[m / firstRadix];
        for (int g = 0; g < groupPoint.length; g++) {
            groupPoint[g] = inputPoint(m, firstRadix * g, firstRadix);
        }
        cosN = new double[m / 2 + 1];
        sinN = new double[m / 2 + 1];
        for (int k = 0; k <= m / 2; k++) {
            cosN[k] = Math.cos(2 * Math.PI * k / nFft);
            sinN[k] = Math.sin(2 * Math.PI * k / nFft);
        }
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
        twiddles = new double[Integer.numberOfTrailingZeros(m) + 1][];
        for (int h = firstRadix; 4 * h <= m; h *= 4) {
            double[] t = new double[6 * h];
            for (int j = 0; j < h; j++) {
                for (int e = 1; e <= 3; e++) {
                    t[6 * j + 2 * (e - 1)] = Math.cos(2 * Math.PI * j * e / (4 * h));
                    t[6 * j + 2 * (e - 1) + 1] = Math.sin(2 * Math.PI * j * e / (4 * h));
                }
            }
            twiddles[Integer.numberOfTrailingZeros(h)] = t;
        }
        firstRow = Math.floorDiv(-nFft / 2, hopLength);
        shift = Math.floorMod(-nFft / 2, hopLength);
        rowSpan = (nFft - 1 + shift) / hopLength;
        gatherRows = new int[G.length()];
        for (int i = 0; i < gatherRows.length; i++) {
            gatherRows[i] = i * hopLength;
        }
    }

    /**
     * The complex point that decimation in time reads at position {@code p} of a transform of
     * {@code size} points whose first stage has radix {@code first}: the last stage splits the
     * points by {@code n mod 4} into four sub-transforms stored one after the other.
     */
    private static int inputPoint(int size, int p, int first) {
        if (size == first) {
            return p;
        }
        int quarter = size / 4;
        return p / quarter + 4 * inputPoint(quarter, p % quarter, first);
    }

    @Override
    public String name() {
        return "vector-" + L + "x64";
    }

    @Override
    public void melPower(float[] signal, float[] out) {
        melPowerPadded(signal, signal.length, out);
    }

    /**
     * Samples past the end of {@code signal} read as zeros, so no padded copy is made. The
     * scratch is borrowed from {@link #pool} for the call and handed back afterwards.
     */
    @Override
    public void melPowerPadded(float[] signal, int length, float[] out) {
        Scratch s = pool.poll();
        if (s == null) {
            s = new Scratch(m, nFft);
        } else {
            pooled.decrementAndGet();
        }
        try {
            transform(signal, length, out, s);
        } finally {
            if (pooled.incrementAndGet() <= MAX_POOLED) {
                pool.offer(s);
            } else {
                pooled.decrementAndGet();
            }
        }
    }

    /** Scratches kept for reuse (not counting those in use); {@link #MAX_POOLED} at most. */
    int pooledScratches() {
        return pooled.get();
    }

    private void transform(float[] signal, int length, float[] out, Scratch s) {
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
        int xb = zb + s.lastOffset;
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
            for (int q = 0; q < 4; q++) {
                block(s, zb, t0, q * (m / 4), m / 4);
            }
            lastPassToPower(work, zb, pb, xb);
            mel(work, pb, s.lanes, out, t0, valid, frames);
            transformed++;
        }
        s.alignment.record(zb, System.nanoTime() - started, transformed);
    }

    /** Fills {@code s.columns[c * rows + r] = y[(r + firstRow) * hop + c]} for rows {@code [rowFrom, rowTo)}, zero outside the signal. */
    private void columns(float[] y, int rows, int rowFrom, int rowTo, Scratch s) {
        int size = rows * hop;
        // L floats of slack: the first stage loads G = 2L floats where it uses the first L
        if (s.columns.length < size + L) {
            s.columns = new float[size + L];
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
        // A block of G rows at a time. Inside the signal one gather per column; at the signal's
        // ends element by element. (Transposing 16 x 16 tiles in registers, the float-shape
        // analogue of the 8 x 8 tiles used before, measured 1.5-4x slower: 32 live vectors spill.)
        int[] rowIndex = gatherRows;
        for (int r0 = rowFrom; r0 < rowTo; r0 += G.length()) {
            int r1 = Math.min(rowTo, r0 + G.length());
            int lo = (r0 + firstRow) * hop;
            int hi = (r1 + firstRow) * hop;
            if (lo >= 0 && hi <= n && r1 - r0 == G.length()) {
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
     * The stages before the last on the sub-transform {@code [from, from + size)} of the batch
     * (decimation in time: a stage with quarter size {@code h} merges four neighbouring
     * sub-transforms of {@code h} points into one of {@code 4h}). Depth first: a block larger
     * than {@link #LEAF} first completes its four quarters, then merges them; a leaf starts with
     * the first stage, which reads and windows the frames' samples itself.
     */
    private void block(Scratch s, int zb, int t0, int from, int size) {
        double[] z = s.work;
        if (size > LEAF) {
            int quarter = size / 4;
            for (int q = 0; q < 4; q++) {
                block(s, zb, t0, from + q * quarter, quarter);
            }
            pass(z, zb + from * L2, quarter);
            return;
        }
        if (firstRadix == 4) {
            firstPassRadix4(s.columns, s.sampleOffset, z, zb, t0, from / 4, (from + size) / 4);
        } else {
            firstPassRadix2(s.columns, s.sampleOffset, z, zb, t0, from / 2, (from + size) / 2);
        }
        for (int h = firstRadix; 4 * h <= size; h *= 4) {
            for (int g = from; g < from + size; g += 4 * h) {
                pass(z, zb + g * L2, h);
            }
        }
    }

    /**
     * The first stage for odd {@code log2 m}, groups {@code [g0, g1)}: 2-point DFTs of the points
     * {@code n} and {@code n + m/2}, {@code n = groupPoint[g]}, into positions {@code 2g, 2g + 1};
     * each sample is windowed as it is loaded.
     */
    private void firstPassRadix2(float[] cols, int[] off, double[] z, int zb, int t0, int g0, int g1) {
        double[] w = window;
        int[] point = groupPoint;
        int stride = m;
        for (int g = g0; g < g1; g++) {
            int q0 = 2 * point[g];
            int q1 = q0 + stride;
            DoubleVector x0r = ((DoubleVector) FloatVector.fromArray(G, cols, off[q0] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q0]);
            DoubleVector x0i = ((DoubleVector) FloatVector.fromArray(G, cols, off[q0 + 1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q0 + 1]);
            DoubleVector x1r = (DoubleVector) FloatVector.fromArray(G, cols, off[q1] + t0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector x1i = (DoubleVector) FloatVector.fromArray(G, cols, off[q1 + 1] + t0).convertShape(VectorOperators.F2D, S, 0);
            int i0 = zb + 2 * g * L2;
            x1r.fma(DoubleVector.broadcast(S, w[q1]), x0r).intoArray(z, i0);
            x1i.fma(DoubleVector.broadcast(S, w[q1 + 1]), x0i).intoArray(z, i0 + L);
            x1r.fma(DoubleVector.broadcast(S, -w[q1]), x0r).intoArray(z, i0 + L2);
            x1i.fma(DoubleVector.broadcast(S, -w[q1 + 1]), x0i).intoArray(z, i0 + L2 + L);
        }
    }

    /**
     * The first stage for even {@code log2 m}, groups {@code [g0, g1)}: 4-point DFTs of the points
     * {@code n + t m/4}, {@code n = groupPoint[g]}, into positions {@code 4g .. 4g + 3}; each
     * sample is windowed as it is loaded (folded into the first additions:
     * {@code x0 w0 + x2 w2 = fma(x2, w2, x0 w0)}). The butterfly is {@link #pass}'s without
     * twiddles, written out again on purpose: a helper taking vectors is inlined only while the
     * JIT has not compiled it on its own, and when it is not, every vector it receives is boxed,
     * which made the whole kernel four times slower.
     */
    private void firstPassRadix4(float[] cols, int[] off, double[] z, int zb, int t0, int g0, int g1) {
        double[] w = window;
        int[] point = groupPoint;
        int stride = m / 2;
        for (int g = g0; g < g1; g++) {
            int q0 = 2 * point[g];
            int q1 = q0 + stride;
            int q2 = q1 + stride;
            int q3 = q2 + stride;
            DoubleVector x0r = ((DoubleVector) FloatVector.fromArray(G, cols, off[q0] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q0]);
            DoubleVector x0i = ((DoubleVector) FloatVector.fromArray(G, cols, off[q0 + 1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q0 + 1]);
            DoubleVector x1r = ((DoubleVector) FloatVector.fromArray(G, cols, off[q1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q1]);
            DoubleVector x1i = ((DoubleVector) FloatVector.fromArray(G, cols, off[q1 + 1] + t0).convertShape(VectorOperators.F2D, S, 0)).mul(w[q1 + 1]);
            DoubleVector x2r = (DoubleVector) FloatVector.fromArray(G, cols, off[q2] + t0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector x2i = (DoubleVector) FloatVector.fromArray(G, cols, off[q2 + 1] + t0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector x3r = (DoubleVector) FloatVector.fromArray(G, cols, off[q3] + t0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector x3i = (DoubleVector) FloatVector.fromArray(G, cols, off[q3 + 1] + t0).convertShape(VectorOperators.F2D, S, 0);
            DoubleVector a0r = x2r.fma(DoubleVector.broadcast(S, w[q2]), x0r);
            DoubleVector a0i = x2i.fma(DoubleVector.broadcast(S, w[q2 + 1]), x0i);
            DoubleVector a1r = x2r.fma(DoubleVector.broadcast(S, -w[q2]), x0r);
            DoubleVector a1i = x2i.fma(DoubleVector.broadcast(S, -w[q2 + 1]), x0i);
            DoubleVector b0r = x3r.fma(DoubleVector.broadcast(S, w[q3]), x1r);
            DoubleVector b0i = x3i.fma(DoubleVector.broadcast(S, w[q3 + 1]), x1i);
            DoubleVector b1r = x3r.fma(DoubleVector.broadcast(S, -w[q3]), x1r);
            DoubleVector b1i = x3i.fma(DoubleVector.broadcast(S, -w[q3 + 1]), x1i);
            int i0 = zb + 4 * g * L2;
            a0r.add(b0r).intoArray(z, i0);
            a0i.add(b0i).intoArray(z, i0 + L);
            a1r.add(b1i).intoArray(z, i0 + L2);
            a1i.sub(b1r).intoArray(z, i0 + L2 + L);
            a0r.sub(b0r).intoArray(z, i0 + 2 * L2);
            a0i.sub(b0i).intoArray(z, i0 + 2 * L2 + L);
            a1r.sub(b1i).intoArray(z, i0 + 3 * L2);
            a1i.add(b1r).intoArray(z, i0 + 3 * L2 + L);
        }
    }

    /**
     * One radix-4 decimation-in-time merge with quarter size {@code h}: for {@code j < h}, on
     * the points {@code base + j + {0, h, 2h, 3h}} (point {@code j} of the four sub-transforms),
     * with {@code W = exp(-2 pi i / 4h)} and {@code A_r = W^rj x_r}: {@code y0 = (A0 + A2) +
     * (A1 + A3)}, {@code y1 = (A0 - A2) - i (A1 - A3)}, {@code y2 = (A0 + A2) - (A1 + A3)},
     * {@code y3 = (A0 - A2) + i (A1 - A3)}; a product by {@code W^e = c - i s} is
     * {@code (xr c + xi s) + i (xi c - xr s)}. The loop runs over {@code j}, whose points are
     * contiguous.
     */
    private void pass(double[] z, int base, int h) {
        double[] tw = twiddles[Integer.numberOfTrailingZeros(h)];
        int d = h * L2;
        for (int j = 0; j < h; j++) {
            int i0 = base + j * L2;
            DoubleVector x0r = DoubleVector.fromArray(S, z, i0);
            DoubleVector x0i = DoubleVector.fromArray(S, z, i0 + L);
            DoubleVector yr = DoubleVector.fromArray(S, z, i0 + d);
            DoubleVector yi = DoubleVector.fromArray(S, z, i0 + d + L);
            DoubleVector c = DoubleVector.broadcast(S, tw[6 * j]);
            DoubleVector sn = DoubleVector.broadcast(S, tw[6 * j + 1]);
            DoubleVector ns = DoubleVector.broadcast(S, -tw[6 * j + 1]);
            DoubleVector x1r = yi.fma(sn, yr.mul(c));
            DoubleVector x1i = yr.fma(ns, yi.mul(c));
            yr = DoubleVector.fromArray(S, z, i0 + 2 * d);
            yi = DoubleVector.fromArray(S, z, i0 + 2 * d + L);
            c = DoubleVector.broadcast(S, tw[6 * j + 2]);
            sn = DoubleVector.broadcast(S, tw[6 * j + 3]);
            ns = DoubleVector.broadcast(S, -tw[6 * j + 3]);
            DoubleVector x2r = yi.fma(sn, yr.mul(c));
            DoubleVector x2i = yr.fma(ns, yi.mul(c));
            yr = DoubleVector.fromArray(S, z, i0 + 3 * d);
            yi = DoubleVector.fromArray(S, z, i0 + 3 * d + L);
            c = DoubleVector.broadcast(S, tw[6 * j + 4]);
            sn = DoubleVector.broadcast(S, tw[6 * j + 5]);
            ns = DoubleVector.broadcast(S, -tw[6 * j + 5]);
            DoubleVector x3r = yi.fma(sn, yr.mul(c));
            DoubleVector x3i = yr.fma(ns, yi.mul(c));
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
            a1r.add(b1i).intoArray(z, i0 + d);
            a1i.sub(b1r).intoArray(z, i0 + d + L);
            a0r.sub(b0r).intoArray(z, i0 + 2 * d);
            a0i.sub(b0i).intoArray(z, i0 + 2 * d + L);
            a1r.sub(b1i).intoArray(z, i0 + 3 * d);
            a1i.add(b1r).intoArray(z, i0 + 3 * d + L);
        }
    }

    /**
     * The last stage (quarter size {@code h = m/4}) fused with the real-FFT split and
     * {@code |X|^2}. Decimation in time leaves the output in natural order: merge {@code j}
     * yields {@code Z[j + qh]}, {@code q = 0..3}, and the partner of {@code Z[k]} in the split,
     * {@code Z[m - k]}, comes from merge {@code h - j} (output {@code 3 - q}). So merges
     * {@code j} and {@code h - j} are done together, for {@code j = 0 .. h/2}, their outputs kept
     * in a small scratch that stays in L1 instead of going back to the batch's points, and their
     * eight bins are emitted at once: one forward and one backward stream through the points.
     */
    private void lastPassToPower(double[] z, int zb, int pb, int xb) {
        int h = m / 4;
        double[] tw = twiddles[Integer.numberOfTrailingZeros(h)];
        for (int j = 0; j <= h / 2; j++) {
            lastMerge(z, zb, h, tw, j, xb);
            if (j == 0) {
                // Z[0] pairs with itself (bins 0 and m), Z[h] with Z[3h], Z[2h] with itself (m/2)
                emit(z, xb, xb, 0, pb);
                emit(z, xb + L2, xb + 3 * L2, h, pb);
                emit(z, xb + 2 * L2, xb + 2 * L2, 2 * h, pb);
            } else if (2 * j == h) {
                emit(z, xb, xb + 3 * L2, j, pb);
                emit(z, xb + L2, xb + 2 * L2, j + h, pb);
            } else {
                int xb2 = xb + 4 * L2;
                lastMerge(z, zb, h, tw, h - j, xb2);
                // Z[j + qh] pairs with Z[(h - j) + (3 - q)h]; emit names the smaller bin
                for (int q = 0; q < 2; q++) {
                    emit(z, xb + q * L2, xb2 + (3 - q) * L2, j + q * h, pb);
                    emit(z, xb2 + q * L2, xb + (3 - q) * L2, h - j + q * h, pb);
                }
            }
        }
    }

    /**
     * Merge {@code j} of the last stage ({@link #pass}'s butterfly for one {@code j}), its four
     * outputs stored at {@code dst + q L2}. A copy of the butterfly rather than {@link #pass} on
     * one {@code j} in place: writing the points back made the whole kernel about 4 % slower
     * (interleaved A/B, 6 + 6 JVMs), as the dirty lines then go back to L2.
     */
    private void lastMerge(double[] z, int zb, int h, double[] tw, int j, int dst) {
        int d = h * L2;
        int i0 = zb + j * L2;
        DoubleVector x0r = DoubleVector.fromArray(S, z, i0);
        DoubleVector x0i = DoubleVector.fromArray(S, z, i0 + L);
        DoubleVector yr = DoubleVector.fromArray(S, z, i0 + d);
        DoubleVector yi = DoubleVector.fromArray(S, z, i0 + d + L);
        DoubleVector c = DoubleVector.broadcast(S, tw[6 * j]);
        DoubleVector sn = DoubleVector.broadcast(S, tw[6 * j + 1]);
        DoubleVector ns = DoubleVector.broadcast(S, -tw[6 * j + 1]);
        DoubleVector x1r = yi.fma(sn, yr.mul(c));
        DoubleVector x1i = yr.fma(ns, yi.mul(c));
        yr = DoubleVector.fromArray(S, z, i0 + 2 * d);
        yi = DoubleVector.fromArray(S, z, i0 + 2 * d + L);
        c = DoubleVector.broadcast(S, tw[6 * j + 2]);
        sn = DoubleVector.broadcast(S, tw[6 * j + 3]);
        ns = DoubleVector.broadcast(S, -tw[6 * j + 3]);
        DoubleVector x2r = yi.fma(sn, yr.mul(c));
        DoubleVector x2i = yr.fma(ns, yi.mul(c));
        yr = DoubleVector.fromArray(S, z, i0 + 3 * d);
        yi = DoubleVector.fromArray(S, z, i0 + 3 * d + L);
        c = DoubleVector.broadcast(S, tw[6 * j + 4]);
        sn = DoubleVector.broadcast(S, tw[6 * j + 5]);
        ns = DoubleVector.broadcast(S, -tw[6 * j + 5]);
        DoubleVector x3r = yi.fma(sn, yr.mul(c));
        DoubleVector x3i = yr.fma(ns, yi.mul(c));
        DoubleVector a0r = x0r.add(x2r);
        DoubleVector a0i = x0i.add(x2i);
        DoubleVector a1r = x0r.sub(x2r);
        DoubleVector a1i = x0i.sub(x2i);
        DoubleVector b0r = x1r.add(x3r);
        DoubleVector b0i = x1i.add(x3i);
        DoubleVector b1r = x1r.sub(x3r);
        DoubleVector b1i = x1i.sub(x3i);
        a0r.add(b0r).intoArray(z, dst);
        a0i.add(b0i).intoArray(z, dst + L);
        a1r.add(b1i).intoArray(z, dst + L2);
        a1i.sub(b1r).intoArray(z, dst + L2 + L);
        a0r.sub(b0r).intoArray(z, dst + 2 * L2);
        a0i.sub(b0i).intoArray(z, dst + 2 * L2 + L);
        a1r.sub(b1i).intoArray(z, dst + 3 * L2);
        a1i.add(b1r).intoArray(z, dst + 3 * L2 + L);
    }

    /**
     * Bins {@code k} and {@code m - k} ({@code k <= m/2}) of the real spectrum from
     * {@code A = Z[k]} at {@code ia} and {@code B = Z[m - k]} at {@code ib} ({@code B = A} for
     * {@code k = 0}, giving bins 0 and {@code m}): with {@code 2E = A + conj B},
     * {@code 2O = (A - conj B) / i} and {@code 2P = (c - i s) 2O}, {@code 2X[k] = 2E + 2P} and
     * {@code 2X[m-k] = conj(2E) - conj(2P)}. Stores 4 x the power (the halvings are left out and
     * undone in {@link #mel}).
     */
    private void emit(double[] z, int ia, int ib, int k, int pb) {
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
        xr.fma(xr, xi.mul(xi)).intoArray(z, pb + k * L);
        xr = er.sub(pr);
        xi = pi.sub(ei);
        xr.fma(xr, xi.mul(xi)).intoArray(z, pb + (m - k) * L);
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
            // the L sums become the low half of a G vector; only `valid` of its floats belong here
            FloatVector v = (FloatVector) lowEven.add(lowOdd).mul(0.25).convertShape(VectorOperators.D2F, G, 0);
            v.intoArray(lanes, 0);
            System.arraycopy(lanes, 0, out, band * frames + t0, valid);
            lowEven = highEven;
            lowOdd = highOdd;
            highEven = DoubleVector.zero(S);
            highOdd = DoubleVector.zero(S);
        }
    }

    /**
     * {@link PowerToDb#inPlace} a vector at a time: the same float rounding of each log term and
     * the same clipping, with the Vector API's double-precision {@code LOG10} (within a few ulp of
     * {@link Math#log10}, far below the float rounding of the result); vectors whose powers are
     * all certain to be clipped skip the logarithm, as {@link PowerToDb#inPlace} does per value.
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
        int step = G.length();
        int vectorEnd = n - n % step;
        FloatVector maxV = FloatVector.broadcast(G, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < vectorEnd; i += step) {
            maxV = maxV.max(FloatVector.fromArray(G, values, i));
        }
        float max = maxV.reduceLanes(VectorOperators.MAX);
        for (int i = vectorEnd; i < n; i++) {
            max = Math.max(max, values[i]);
        }
        double refPower = Math.max(amin, max);
        float refDb = (float) (10.0 * PowerToDb.log10(refPower));
        float floor = (float) (0.0f - topDb);
        // as PowerToDb: powers more than topDb + 0.01 dB below the reference are clipped whatever
        // the rounding, so a vector of them needs no logarithm
        double certainlyClipped = refPower * Math.pow(10.0, -(topDb + 0.01) / 10.0);
        FloatVector floorVector = FloatVector.broadcast(G, floor);
        for (int i = 0; i < vectorEnd; i += step) {
            // G floats are two S vectors of doubles: its low half (part 0) and its high half (part 1)
            FloatVector powers = FloatVector.fromArray(G, values, i);
            DoubleVector low = ((DoubleVector) powers.convertShape(VectorOperators.F2D, S, 0)).max(amin);
            DoubleVector high = ((DoubleVector) powers.convertShape(VectorOperators.F2D, S, 1)).max(amin);
            if (low.compare(VectorOperators.LT, certainlyClipped).allTrue()
                    && high.compare(VectorOperators.LT, certainlyClipped).allTrue()) {
                floorVector.intoArray(values, i);
                continue;
            }
            // a clipped value's logarithm is computed here too, but max(floor) gives the floor all the same
            FloatVector lowDb = (FloatVector) low.lanewise(VectorOperators.LOG10).mul(10.0).convertShape(VectorOperators.D2F, G, 0);
            FloatVector highDb = (FloatVector) high.lanewise(VectorOperators.LOG10).mul(10.0).convertShape(VectorOperators.D2F, G, -1);
            // each conversion fills its half and zeroes the other, so the sum is both halves
            lowDb.add(highDb).sub(refDb).max(floor).intoArray(values, i);
        }
        for (int i = vectorEnd; i < n; i++) {
            float db = (float) (10.0 * PowerToDb.log10(Math.max(amin, values[i]))) - refDb;
            values[i] = db < floor ? floor : db;
        }
    }
}
