package org.ser4j.training.nn;

import java.util.Locale;
import java.util.Random;

/** Development tool: speed of the single-channel direct convolution. Not a test. */
public final class DirectConvProfile {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private DirectConvProfile() {
    }

    /** No arguments. */
    public static void main(String[] args) {
        Random r = new Random(1);
        float[] x = new float[128 * 157];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] w = new float[16 * 9];
        float[] bias = new float[16];
        float[] y = new float[16 * 126 * 155];
        float[] g = new float[16 * 9];
        for (Kernels k : new Kernels[] {KernelSelector.select(), ScalarKernels.INSTANCE}) {
            for (int round = 0; round < 3; round++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                for (int rep = 0; rep < 50; rep++) {
                    k.convSingleChannel(x, 0, 157, w, 0, 16, 3, 3, bias, 0, true, y, 0, 126 * 155, 126, 155);
                }
                long t1 = CPU.getCurrentThreadCpuTime();
                for (int rep = 0; rep < 50; rep++) {
                    k.convSingleChannelWeightGrad(x, 0, 157, y, 0, 126 * 155, 16, 3, 3, 126, 155, g, 0);
                }
                long t2 = CPU.getCurrentThreadCpuTime();
                System.out.printf(Locale.ROOT, "%s: fwd %.3f ms, wgrad %.3f ms per sample%n", k.name(), (t1 - t0) / 50e6,
                        (t2 - t1) / 50e6);
            }
        }
    }
}
