package org.ser4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.ser4j.core.EmotionClassifier;
import org.ser4j.core.Prediction;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.ModelLoadException;

/**
 * Classifies every WAV file in a folder on several threads that share one classifier
 * ({@code classify} is thread-safe; the classifier holds one ONNX Runtime session per model).
 * For bulk work {@code WindowedEmotionClassifier.classifyAll} (or {@code classifyEach}, also on
 * an {@code Executor} of your own) batches the inference too.
 *
 * <pre>java -cp examples/target/ser4j.jar org.ser4j.examples.ClassifyFolderConcurrently DIR [THREADS]</pre>
 */
public final class ClassifyFolderConcurrently {
    private ClassifyFolderConcurrently() {
    }

    /**
     * Classifies the .wav files directly inside {@code args[0]} with {@code args[1]} threads
     * (default: cores).
     *
     * @param args the folder (required; not searched recursively, {@code .wav} matched
     *     case-insensitively), then optionally the number of threads, {@code >= 1}. Without a folder,
     *     with a path that is not a folder or with a bad thread count it prints one line and exits
     *     with code 2; a file that fails is reported on stderr and the others are still
     *     classified; if the bundled model cannot be loaded, exits with code 1.
     * @throws IOException if the folder exists but cannot be listed (e.g. no permission)
     * @throws InterruptedException if the main thread is interrupted while waiting for a result
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: ClassifyFolderConcurrently DIR [THREADS]");
            System.exit(2);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        if (args.length > 1) {
            try {
                threads = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                threads = 0;
            }
            if (threads < 1) {
                System.err.println("error: THREADS must be a whole number of at least 1, got '" + args[1] + "'");
                System.exit(2);
            }
        }
        Path folder = Path.of(args[0]);
        if (!Files.isDirectory(folder)) {
            System.err.println("error: " + folder + ": " + (Files.exists(folder) ? "not a folder" : "no such folder"));
            System.exit(2);
        }
        List<Path> wavs;
        try (Stream<Path> s = Files.list(folder)) {
            wavs = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".wav")).sorted().toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (EmotionClassifier classifier = EmotionClassifiers.defaultClassifier()) {
            List<Future<Prediction>> futures = new ArrayList<>();
            for (Path wav : wavs) {
                futures.add(pool.submit(() -> classifier.classify(wav)));
            }
            for (int i = 0; i < wavs.size(); i++) {
                try {
                    System.out.println(wavs.get(i) + "  " + futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    System.err.println("error: " + wavs.get(i) + ": "
                            + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
                }
            }
        } catch (ModelLoadException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } finally {
            pool.shutdown();
        }
    }
}
