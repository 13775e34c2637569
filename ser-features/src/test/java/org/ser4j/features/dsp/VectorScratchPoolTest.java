package org.ser4j.features.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The SIMD kernel's scratch follows the number of concurrent calls, not of threads that ever called. */
class VectorScratchPoolTest {
    private static float[] noise(long seed, int n) {
        Random r = new Random(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) r.nextGaussian() * 0.1f;
        }
        return y;
    }

    private static VectorMelPowerKernel kernel() {
        assumeTrue(VectorSupport.available(), "needs jdk.incubator.vector");
        return (VectorMelPowerKernel) VectorSupport.vectorKernel(2048, 512, new MelFilterbank(16000, 2048, 128));
    }

    @Test
    void callsFromManyThreadsOneAfterAnotherShareOneScratch() throws Exception {
        VectorMelPowerKernel k = kernel();
        float[] y = noise(1, 16000);
        float[] expected = new float[128 * Framing.centeredFrameCount(y.length, 512)];
        k.melPower(y, expected);
        for (int i = 0; i < 20; i++) {
            float[] out = new float[expected.length];
            Thread t = new Thread(() -> k.melPower(y, out));
            t.start();
            t.join();
            assertArrayEquals(expected, out, "call " + i);
        }
        assertEquals(1, k.pooledScratches(), "one scratch, reused by every thread");
    }

    @Test
    void concurrentCallsEachGetTheirOwnScratchAndGiveItBack() throws Exception {
        VectorMelPowerKernel k = kernel();
        int threads = 6;
        List<float[]> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            float[] y = noise(10 + i, 40000);
            float[] out = new float[128 * Framing.centeredFrameCount(y.length, 512)];
            k.melPower(y, out);
            inputs.add(y);
            expected.add(out);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        boolean[] ok = new boolean[threads];
        for (int i = 0; i < threads; i++) {
            int w = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    boolean same = true;
                    for (int rep = 0; rep < 20; rep++) {
                        float[] out = new float[expected.get(w).length];
                        k.melPower(inputs.get(w), out);
                        same &= java.util.Arrays.equals(expected.get(w), out);
                    }
                    ok[w] = same;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            workers.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }
        for (int i = 0; i < threads; i++) {
            assertTrue(ok[i], "thread " + i + " got the sequential result every time");
        }
        int kept = k.pooledScratches();
        assertTrue(kept >= 1 && kept <= Math.max(2, 2 * Runtime.getRuntime().availableProcessors()) && kept <= threads,
                "scratches kept: " + kept);
    }

    @Test
    void aFailingCallStillGivesItsScratchBack() {
        VectorMelPowerKernel k = kernel();
        float[] y = noise(3, 1000);
        try {
            k.melPowerPadded(y, 10, new float[128]);
        } catch (IllegalArgumentException expected) {
            // signal longer than the padded length
        }
        assertEquals(1, k.pooledScratches());
    }
}
