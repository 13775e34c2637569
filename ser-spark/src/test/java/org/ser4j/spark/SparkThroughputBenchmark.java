package org.ser4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;

/**
 * Clips per second of {@code classifyAll} in one JVM against {@link SparkEmotionClassifier} on
 * {@code local[2]}, on the same folder of WAV files, each after a warm-up run (model loading and
 * JIT are not timed; Spark's session start is not timed either). Not a test: run by hand, as
 * README's ser-spark section shows:
 *
 * <pre>{@code java -cp ser-spark/target/test-classes:ser-spark/target/ser4j-spark.jar \
 *     org.ser4j.spark.SparkThroughputBenchmark DIR [MODEL]}</pre>
 */
public final class SparkThroughputBenchmark {
    private SparkThroughputBenchmark() {
    }

    /**
     * Runs the benchmark and prints one line per side and the ratio.
     *
     * @param args the folder of WAV files, and optionally the model (default {@code default})
     * @throws IOException if the folder cannot be listed
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String model = args.length > 1 ? args[1] : "default";
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        double single;
        try (WindowedEmotionClassifier c = EmotionClassifiers.bundled(model, ClassifierOptions.defaults())) {
            c.classifyAll(files.subList(0, Math.min(20, files.size())));
            long t0 = System.nanoTime();
            c.classifyAll(files);
            single = files.size() / ((System.nanoTime() - t0) / 1e9);
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("ser4j-spark-benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        SparkEmotionClassifier classifier = SparkEmotionClassifier.forModel(model);
        Runnable run = () -> classifier.classifyContent(spark.read().format("binaryFile").option("pathGlobFilter", "*.wav")
                .load(dir.toString())).write().format("noop").mode("overwrite").save();
        run.run();
        long t0 = System.nanoTime();
        run.run();
        double onSpark = files.size() / ((System.nanoTime() - t0) / 1e9);
        spark.stop();
        System.out.printf(Locale.ROOT, "%d files, model %s, %d processors%n", files.size(), model,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "classifyAll (parallelism %d): %.1f clips/s%n",
                ClassifierOptions.defaults().parallelism(), single);
        System.out.printf(Locale.ROOT, "Spark local[2] classifyContent: %.1f clips/s%n", onSpark);
        System.out.printf(Locale.ROOT, "Spark / classifyAll: %.2f%n", onSpark / single);
    }
}
