package org.ser4j.features.dsp;

/**
 * Chooses, by measurement, where in a scratch array a SIMD kernel starts its vectors. A Java
 * array is only guaranteed 8-byte alignment, its address is invisible, and the garbage collector
 * may move it; yet on some CPUs (AMD Zen 4: a 512-bit access is two 256-bit halves) vectors that
 * straddle 32-byte boundaries make the mel kernel about 20 % slower. So the kernel times itself,
 * as FFTW's planner does: every {@link #EPOCH} calls it tries each of the {@link #OFFSETS}
 * starting offsets (0 to 3 doubles) twice, then keeps the fastest until the next epoch, which
 * also catches a move by the collector. The offset never changes a result, only the speed.
 *
 * <p>Not thread-safe: one instance per thread's scratch.
 */
final class VectorAlignment {
    /** Offsets tried, in doubles: 4 x 8 bytes covers every 32-byte alignment of an 8-byte-aligned array. */
    static final int OFFSETS = 4;
    /** Calls per epoch; the first {@code 2 * OFFSETS} of each are measurements. */
    static final int EPOCH = 64;

    private final long[] best = new long[OFFSETS];
    private int calls;
    private int chosen;

    /** The offset (in doubles, {@code 0 .. OFFSETS-1}) for the next call. */
    int offset() {
        int phase = calls % EPOCH;
        if (phase < 2 * OFFSETS) {
            return phase % OFFSETS;
        }
        return chosen;
    }

    /** The offset the last measurements found fastest (used outside the measuring calls). */
    int chosen() {
        return chosen;
    }

    /**
     * Records a call made with {@code offset}.
     *
     * @param offset the offset the call used
     * @param nanos its duration
     * @param units work units done (e.g. batches transformed); calls without work are ignored
     */
    void record(int offset, long nanos, int units) {
        int phase = calls % EPOCH;
        calls++;
        if (phase >= 2 * OFFSETS) {
            return;
        }
        if (phase == 0) {
            java.util.Arrays.fill(best, Long.MAX_VALUE);
        }
        if (units > 0) {
            best[offset] = Math.min(best[offset], nanos / units);
        }
        if (phase == 2 * OFFSETS - 1) {
            int fastest = chosen;
            for (int o = 0; o < OFFSETS; o++) {
                if (best[o] < best[fastest]) {
                    fastest = o;
                }
            }
            chosen = fastest;
        }
    }
}
