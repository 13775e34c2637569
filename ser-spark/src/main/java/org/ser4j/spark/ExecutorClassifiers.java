package org.ser4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifiers of this JVM (a Spark executor, or the driver in local mode), one per model:
 * opened on first use by the first task that needs it, shared by every later task (classifiers are
 * thread-safe), and closed when the JVM exits. Loading a model costs about a second and its ONNX
 * Runtime sessions some tens of MiB, so tasks must not each open their own.
 */
final class ExecutorClassifiers {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorClassifiers.class);
    private static final Map<String, WindowedEmotionClassifier> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorClassifiers::closeAll, "ser4j-spark-close-classifiers"));
    }

    private ExecutorClassifiers() {
    }

    /**
     * This JVM's classifier of {@code model}, opened if it is the first call for it (other tasks
     * asking for the same model wait for that).
     *
     * @throws org.ser4j.models.ModelLoadException if the model cannot be opened
     * @throws IllegalArgumentException if {@code model} is neither a bundled name nor a model file
     *     found here
     */
    static WindowedEmotionClassifier get(String model) {
        return OPEN.computeIfAbsent(model, ExecutorClassifiers::open);
    }

    /**
     * What the tasks run: feature extraction and inference on the task's own thread (Spark's task
     * slots are the parallelism), one ONNX Runtime thread per task, the library's defaults otherwise
     * (so results equal those of a classifier with default options).
     */
    static ClassifierOptions options() {
        return ClassifierOptions.defaults().withParallelism(1).withInferenceThreads(1);
    }

    /**
     * Opens a model: a bundled name ({@code default}, {@code time}, {@code mel}, {@code ensemble})
     * unless a file of that name exists; else a file at that path, else a file of that name
     * distributed with the job (Spark's {@code SparkFiles}, the executor's copy of a file added to
     * the job).
     */
    static WindowedEmotionClassifier open(String model) {
        try {
            Path local = localFile(model);
            if (EmotionClassifiers.isBundledName(model) && local == null) {
                LOG.info("opening bundled model {}", model);
                return EmotionClassifiers.bundled(model, options());
            }
            if (local == null) {
                local = distributedFile(model);
            }
            if (local == null) {
                throw new IllegalArgumentException("model " + model + ": not a bundled model (default, time, mel,"
                        + " ensemble) and no such file here or among the files distributed with the job");
            }
            LOG.info("opening model file {}", local);
            return EmotionClassifiers.fromOnnx(local, options());
        } catch (IOException e) {
            throw new UncheckedIOException("model " + model + ": " + e.getMessage(), e);
        }
    }

    private static Path localFile(String model) {
        try {
            Path p = Path.of(model);
            return Files.isRegularFile(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The executor's copy of a file added to the job under the model's file name, or null. */
    private static Path distributedFile(String model) {
        try {
            Path name = Path.of(model).getFileName();
            if (name == null) {
                return null;
            }
            Path p = Path.of(SparkFiles.get(name.toString()));
            return Files.isRegularFile(p) ? p : null;
        } catch (RuntimeException e) {
            // No SparkEnv (not inside Spark) or an unusable name: there is no distributed copy.
            return null;
        }
    }

    private static void closeAll() {
        for (WindowedEmotionClassifier c : OPEN.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("closing {} at exit failed: {}", c.description(), e.toString());
            }
        }
        OPEN.clear();
    }
}
