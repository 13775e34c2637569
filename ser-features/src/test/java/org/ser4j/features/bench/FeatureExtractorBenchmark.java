package org.ser4j.features.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.features.TimeDomainFeatures;

/**
 * Single-threaded time per 5-second clip (80,080 samples at 16 kHz) of each extractor, including
 * the pad/trim copy. The clip is speech-like: noise bursts with a tone, so no frame is silent.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class FeatureExtractorBenchmark {
    private final LogMelSpectrogram mel = new LogMelSpectrogram(FeatureConfig.DEFAULT);
    private final TimeDomainFeatures time = new TimeDomainFeatures(FeatureConfig.DEFAULT);
    private float[] clip;

    /** Builds the clip. */
    @Setup
    public void setUp() {
        Random r = new Random(7);
        clip = new float[80080];
        for (int i = 0; i < clip.length; i++) {
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * i / 16000.0);
            clip[i] = (float) (envelope * (0.3 * Math.sin(2 * Math.PI * 220 * i / 16000.0) + 0.05 * r.nextGaussian()));
        }
    }

    /** Log-mel dB, 128 x 157. */
    @Benchmark
    public float[] logMel() {
        return mel.extract(clip);
    }

    /** ZCR + RMS, 314 values. */
    @Benchmark
    public float[] timeDomain() {
        return time.extract(clip);
    }
}
