package org.ser4j.training.nn;

import java.util.Locale;
import java.util.Random;

/** Development tool: GFLOP/s of the kernels at the mel model's shapes (thread CPU time). Not a test. */
public final class GemmProfile {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private GemmProfile() {
    }

    /** No arguments. */
    public static void main(String[] args) {
        Kernels k = KernelSelector.select();
        int[][] shapes = {{16, 11 * 19530, 9}, {32, 3 * 4575, 144}, {64, 7 * 980, 288}, {64, 5 * 238, 1600},
            {128, 23 * 56, 1600}, {128, 26 * 12, 6272}};
        Random r = new Random(1);
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int kk = s[2];
            float[] a = new float[m * kk];
            float[] b = new float[kk * n];
            float[] c = new float[m * n];
            float[] at = new float[kk * m];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) r.nextGaussian();
            }
            double flop = 2.0 * m * n * kk;
            long fw = 0;
            long dw = 0;
            long dc = 0;
            int reps = 6;
            for (int rep = 0; rep < reps + 2; rep++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                k.gemm(m, n, kk, a, 0, kk, 1, b, 0, n, c, 0, n, false);
                long t1 = CPU.getCurrentThreadCpuTime();
                k.gemmABt(m, kk, n, c, 0, n, b, 0, n, a, 0, kk, true);
                long t2 = CPU.getCurrentThreadCpuTime();
                k.gemm(kk, n, m, a, 0, 1, kk, c, 0, n, b, 0, n, false);
                long t3 = CPU.getCurrentThreadCpuTime();
                if (rep >= 2) {
                    fw += t1 - t0;
                    dw += t2 - t1;
                    dc += t3 - t2;
                }
                java.util.Arrays.fill(a, 0.01f);
            }
            System.out.printf(Locale.ROOT, "m=%d n=%d k=%d: fwd %.1f, dW %.1f, dcol %.1f GFLOP/s%n", m, n, kk,
                    flop * reps / fw, flop * reps / dw, flop * reps / dc);
        }
    }
}
