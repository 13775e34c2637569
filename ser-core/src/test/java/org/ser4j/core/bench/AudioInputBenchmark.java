package org.ser4j.core.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.Resampler;
import org.ser4j.core.audio.WavDecoder;
import org.ser4j.core.audio.WavFormat;
import org.ser4j.core.audio.WavWriter;

/**
 * Single-threaded time to decode a 5-second 16-bit stereo WAV held in memory, and to resample 5
 * seconds of mono audio to 16 kHz, per source rate. Run:
 * {@code java --add-modules jdk.incubator.vector -cp <test classpath> org.openjdk.jmh.Main AudioInputBenchmark}
 * (without the module the resampler uses its scalar kernel).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class AudioInputBenchmark {
    /** Source sample rate. */
    @Param({"48000", "44100", "22050", "8000"})
    public int sourceRate;

    private float[] mono;
    private byte[] wav;

    /** Builds speech-like noise bursts at the source rate. */
    @Setup
    public void setUp() {
        Random r = new Random(7);
        int n = 5 * sourceRate;
        mono = new float[n];
        float[] right = new float[n];
        for (int i = 0; i < n; i++) {
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * i / (double) sourceRate);
            mono[i] = (float) (envelope * 0.2 * r.nextGaussian());
            right[i] = mono[i] * 0.5f;
        }
        wav = WavWriter.encode(new float[][] {mono, right}, sourceRate, WavFormat.Encoding.PCM, 16, false);
    }

    /** Resampling 5 s to 16 kHz. */
    @Benchmark
    public float[] resampleTo16k() {
        return Resampler.resample(mono, sourceRate, 16000);
    }

    /** Decoding 5 s of 16-bit stereo (parse, scale, mix down). */
    @Benchmark
    public AudioClip decodeStereoPcm16() throws AudioFormatException {
        return WavDecoder.decode(wav, "bench.wav");
    }
}
