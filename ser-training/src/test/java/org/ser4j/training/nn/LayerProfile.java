package org.ser4j.training.nn;

import java.util.Locale;
import java.util.Random;
import org.ser4j.core.model.FeatureKind;

/** Development tool: time per layer (forward, backward) on one thread. Not a test. */
public final class LayerProfile {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private LayerProfile() {
    }

    /** Args: kind, chunk, repetitions. */
    public static void main(String[] args) {
        FeatureKind kind = FeatureKind.fromId(args.length > 0 ? args[0] : "mel").orElseThrow();
        int b = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Kernels k = KernelSelector.select();
        NetworkBuilder builder = Architectures.builder(kind, 1);
        try (SequentialNetwork net = builder.build(1, 1, b, k)) {
            Layer[] layers = net.layerArray();
            float[] p = net.parameters();
            float[][] acts = new float[layers.length + 1][];
            acts[0] = new float[net.inputLength() * b];
            Random r = new Random(1);
            for (int i = 0; i < acts[0].length; i++) {
                acts[0][i] = (float) r.nextGaussian();
            }
            int max = acts[0].length;
            int scratch = 0;
            for (int i = 0; i < layers.length; i++) {
                acts[i + 1] = new float[layers[i].activationSize() * b];
                max = Math.max(max, acts[i + 1].length);
                scratch = Math.max(scratch, layers[i].scratchSize(b));
            }
            float[] sc = new float[scratch];
            float[] dy = new float[max];
            float[] dx = new float[max];
            float[] g = new float[p.length];
            long[] f = new long[layers.length];
            long[] bw = new long[layers.length];
            for (int rep = 0; rep < reps + 2; rep++) {
                for (int i = 0; i < layers.length; i++) {
                    long t0 = CPU.getCurrentThreadCpuTime();
                    layers[i].forward(k, p, acts[i], acts[i + 1], b, sc);
                    if (rep >= 2) {
                        f[i] += CPU.getCurrentThreadCpuTime() - t0;
                    }
                }
                for (int i = layers.length - 1; i >= 0; i--) {
                    java.util.Arrays.fill(dy, 0, acts[i + 1].length, 0.01f);
                    long t0 = CPU.getCurrentThreadCpuTime();
                    layers[i].backward(k, p, acts[i], acts[i + 1], dy, i == 0 ? null : dx, g, b, sc);
                    if (rep >= 2) {
                        bw[i] += CPU.getCurrentThreadCpuTime() - t0;
                    }
                }
            }
            double tot = 0;
            for (int i = 0; i < layers.length; i++) {
                System.out.printf(Locale.ROOT, "%-14s out %3dx%3dx%3d  fwd %7.2f ms  bwd %7.2f ms  (per sample)%n",
                        layers[i].getClass().getSimpleName(), layers[i].outC, layers[i].outH, layers[i].outW,
                        f[i] / 1e6 / reps / b, bw[i] / 1e6 / reps / b);
                tot += (f[i] + bw[i]) / 1e6 / reps / b;
            }
            System.out.printf(Locale.ROOT, "total %.2f ms/sample -> %.1f samples/s of one thread CPU time (%s)%n", tot, 1000 / tot,
                    k.name());
        }
    }
}
