package org.ser4j.training.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Random;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.training.nn.Architectures;
import org.ser4j.training.nn.Network;

/**
 * Measures training throughput (forward + backward + Adam) of the reference architectures:
 * {@code java --add-modules jdk.incubator.vector -cp ... TrainingThroughputBenchmark [mel|time]
 * [batch] [threads] [steps]}. Prints samples/s after warm-up and the peak heap used. Not a test:
 * speed is measured, never asserted.
 */
public final class TrainingThroughputBenchmark {
    private TrainingThroughputBenchmark() {
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** Runs the benchmark; see the class comment for arguments. */
    public static void main(String[] args) {
        FeatureKind kind = FeatureKind.fromId(args.length > 0 ? args[0] : "mel").orElseThrow();
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        try (Network net = Architectures.build(kind, 1.0, 42, threads)) {
            Random r = new Random(1);
            float[] x = new float[batch * net.inputLength()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = r.nextInt(6);
            }
            for (int i = 0; i < warmup; i++) {
                net.trainStep(x, labels, batch);
            }
            double best = 0;
            long total = 0;
            long cpu0 = processCpuNanos();
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                double loss = net.trainStep(x, labels, batch);
                long dt = System.nanoTime() - t0;
                total += dt;
                double sps = batch / (dt / 1e9);
                best = Math.max(best, sps);
                System.out.printf(Locale.ROOT, "step %d: loss %.4f, %.1f samples/s%n", i, loss, sps);
            }
            long cpu = processCpuNanos() - cpu0;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf(Locale.ROOT, "%s batch %d threads %d: mean %.1f samples/s, best %.1f samples/s, "
                    + "peak heap %.0f MiB (max heap %.0f MiB)%n", kind.id(), batch, threads,
                    steps * (double) batch / (total / 1e9), best, peak / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0);
            if (cpu > 0) {
                // on a shared machine wall time depends on the other load; CPU time much less so
                System.out.printf(Locale.ROOT, "%s: %.1f samples per process CPU-second -> %.1f samples/s if %d cores "
                        + "were free%n", kind.id(), steps * (double) batch / (cpu / 1e9),
                        threads * steps * (double) batch / (cpu / 1e9), threads);
            }
        }
    }
}
