package org.ser4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.WavWriter;

/** Generated test audio (decaying tones with noise, 0.4 to 7 s at 8, 16 and 22.05 kHz) and two corrupt files. */
public final class TestClips {
    private TestClips() {
    }

    /**
     * Writes {@code count} clips named {@code clipN.wav} into {@code dir}.
     *
     * @param dir the folder
     * @param count how many clips
     * @param seed varies the clips
     * @return the clips' paths, in order
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(Path dir, int count, long seed) throws IOException {
        Random r = new Random(seed);
        int[] rates = {16000, 8000, 22050};
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int rate = rates[i % rates.length];
            int n = (int) (rate * (0.4 + 6.6 * r.nextDouble()));
            double f = 90 + 400 * r.nextDouble();
            float[] x = new float[n];
            for (int k = 0; k < n; k++) {
                double env = Math.sin(Math.PI * k / n);
                x[k] = (float) (0.5 * env * Math.sin(2 * Math.PI * f * k / rate) + 0.02 * r.nextGaussian());
            }
            Path p = dir.resolve("clip" + i + ".wav");
            WavWriter.writePcm16(p, new AudioClip(x, rate));
            out.add(p);
        }
        return out;
    }

    /**
     * Writes a garbage file and a WAV file cut inside its header (its first 40 bytes) into {@code dir}.
     *
     * @param dir the folder
     * @param intact a WAV file to truncate
     * @return the two paths
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writeCorrupt(Path dir, Path intact) throws IOException {
        Path garbage = dir.resolve("garbage.wav");
        Files.write(garbage, "this is not audio, only text pretending to be a WAV file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path truncated = dir.resolve("truncated.wav");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(intact), 40));
        return List.of(garbage, truncated);
    }

    /**
     * A local Spark session for tests: two cores, no UI, on the loopback interface.
     *
     * @return the session; stop it when done
     */
    public static SparkSession localSpark() {
        return SparkSession.builder().master("local[2]").appName("ser-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
