package org.ser4j.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.ser4j.core.audio.AudioFiles;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Features of audio files, computed once and kept on disk so that a second run skips extraction.
 *
 * <p>An entry is keyed by the SHA-256 of the file's bytes together with the feature configuration
 * (kind, every {@link FeatureConfig} parameter, the extractor class and
 * {@link #FEATURE_CODE_VERSION}); renaming or moving a file keeps its entry, editing it or
 * changing a parameter does not. Entries are written atomically and carry a CRC-32 of their
 * values; an entry that is truncated, has the wrong length or fails its checksum is recomputed,
 * never trusted. Extraction runs on several threads. A file that cannot be decoded or extracted
 * is reported with its reason and left out; it does not stop the others.
 *
 * <p>Thread-safe: its only mutable state is a flag that keeps a failed cache write to one
 * warning; entries are written atomically, so concurrent writers of one entry are harmless.
 */
public final class FeatureCache {
    /**
     * Version of the feature code baked into every cache key; bump it when a change to
     * ser-features alters feature values so that stale entries are not reused.
     */
    public static final int FEATURE_CODE_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    private static final byte[] MAGIC = "SER4JFC1".getBytes(StandardCharsets.US_ASCII);

    /** Computes one file's features; may throw {@link IOException} naming the file. */
    @FunctionalInterface
    public interface FeatureFunction {
        /**
         * The features of {@code file}.
         *
         * @param file the audio file to read
         * @return exactly the cache's {@link #featureLength()} finite values; any other result is
         *     recorded as a {@link Failure} and not cached
         * @throws IOException if the file cannot be read or decoded; the file is then recorded as a
         *     {@link Failure} (as it is for a {@link RuntimeException})
         */
        float[] compute(Path file) throws IOException;
    }

    /**
     * A file that was left out.
     *
     * @param file the audio file
     * @param reason why, e.g. the decoder's message, without the file name
     */
    public record Failure(Path file, String reason) {
    }

    /**
     * The features of a list of files.
     *
     * @param features one array per input file, in input order; {@code null} where it failed
     * @param failures the files left out, in input order
     * @param computed how many files were extracted in this call
     * @param fromCache how many were read from the cache
     */
    public record Result(List<float[]> features, List<Failure> failures, int computed, int fromCache) {
        /**
         * Copies the failure list (the feature list may hold nulls and is kept as given).
         *
         * @param features one array per input file, in input order, {@code null} where it failed;
         *     wrapped in an unmodifiable view, not copied
         * @param failures the files left out, in input order; copied (no null elements allowed)
         * @param computed how many files were extracted successfully in this call
         * @param fromCache how many were read from valid cache entries
         * @throws NullPointerException if a list, or an element of {@code failures}, is null
         */
        public Result {
            features = java.util.Collections.unmodifiableList(features);
            failures = List.copyOf(failures);
        }
    }

    private final Path directory;
    private final String configKey;
    private final int featureLength;
    private final FeatureFunction function;
    private final java.util.concurrent.atomic.AtomicBoolean writeWarned = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * A cache in {@code directory} of the features {@code extractor} computes from WAV files.
     *
     * @param directory where entries live (created when needed)
     * @param extractor computes the features of each file's audio as decoded by
     *     {@link org.ser4j.core.audio.AudioFiles#read(java.nio.file.Path)}; its configuration, kind and class form the cache key (see
     *     {@link #configKey(FeatureExtractor)}); not null
     * @throws IllegalArgumentException if the extractor's feature length is not positive
     * @throws NullPointerException if {@code extractor} is null
     */
    public FeatureCache(Path directory, FeatureExtractor extractor) {
        this(directory, configKey(extractor), extractor.featureLength(),
                file -> extractor.extract(AudioFiles.read(file)));
    }

    /**
     * A cache of an arbitrary feature function.
     *
     * @param directory where entries live (created when needed)
     * @param configKey everything that determines the function's output besides the file bytes
     * @param featureLength floats per file the function returns, positive
     * @param function the extraction
     * @throws IllegalArgumentException if {@code featureLength} is not positive
     */
    public FeatureCache(Path directory, String configKey, int featureLength, FeatureFunction function) {
        if (featureLength <= 0) {
            throw new IllegalArgumentException("feature length must be positive, got " + featureLength);
        }
        this.directory = directory;
        this.configKey = configKey;
        this.featureLength = featureLength;
        this.function = function;
    }

    /**
     * {@code $XDG_CACHE_HOME/ser4j/features}, or {@code ~/.cache/ser4j/features}.
     *
     * @return the path (not created); {@code ~/.cache} is used when {@code XDG_CACHE_HOME} is unset
     *     or blank
     */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ser4j").resolve("features");
    }

    /**
     * The key text of an extractor's configuration.
     *
     * @param extractor the extractor whose output the key must determine
     * @return one line naming {@link #FEATURE_CODE_VERSION}, the kind, the extractor class, every
     *     {@link FeatureConfig} parameter (silence trimming and utterance normalisation only when on) and the feature length, formatted in
     *     {@link Locale#ROOT}
     */
    public static String configKey(FeatureExtractor extractor) {
        FeatureConfig c = extractor.config();
        // trimming and normalisation are named only when on, so the keys of plain features stay what they were
        return String.format(Locale.ROOT, "ser4j-features v%d kind=%s extractor=%s sr=%d clip=%d n_fft=%d hop=%d n_mels=%d top_db=%s%s%s len=%d",
                FEATURE_CODE_VERSION, extractor.kind().id(), extractor.getClass().getName(), c.sampleRate(), c.clipSamples(),
                c.nFft(), c.hopLength(), c.nMels(), Double.toString(c.topDb()),
                c.trimsSilence() ? " trim_top_db=" + c.trimTopDb() : "",
                c.normalizesUtterances() ? " utterance_norm=" + c.utteranceNormalization().id() : "", extractor.featureLength());
    }

    /**
     * Floats per file.
     *
     * @return the length of every feature array this cache returns, positive
     */
    public int featureLength() {
        return featureLength;
    }

    /**
     * Features of every file, from the cache where a valid entry exists, extracted (and cached)
     * otherwise, on {@code threads} threads.
     *
     * @param files the audio files; duplicates are allowed and each is loaded separately
     * @param threads worker threads; values below 1 count as 1, and no more threads than files
     *     are started
     * @param progress receives a line now and then (about every tenth of the files, and after the
     *     last); called from the worker threads, one call at a time
     * @return one entry per file in input order: its features, or {@code null} with a matching
     *     {@link Failure} when it could not be read, decoded or extracted
     * @throws IllegalStateException if the calling thread is interrupted (its interrupt flag is
     *     restored), or a worker fails unexpectedly (e.g. {@code progress} throws)
     */
    public Result load(List<Path> files, int threads, Consumer<String> progress) {
        int n = files.size();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger computed = new AtomicInteger();
        AtomicInteger cached = new AtomicInteger();
        int every = Math.max(1, n / 10);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, Math.max(n, 1))), r -> {
            Thread t = new Thread(r, "ser4j-features");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Object>> futures = new ArrayList<>(n);
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    Loaded r = loadOne(file);
                    // One lock orders the counters and the lines, so progress never runs backwards.
                    synchronized (done) {
                        int d = done.incrementAndGet();
                        if (r.fromCache()) {
                            cached.incrementAndGet();
                        } else if (r.value() instanceof float[]) {
                            computed.incrementAndGet();
                        }
                        if (d % every == 0 || d == n) {
                            double s = (System.nanoTime() - start) / 1e9;
                            progress.accept(String.format(Locale.ROOT, "features %d/%d (%d from cache, %d extracted) %.1fs",
                                    d, n, cached.get(), computed.get(), s));
                        }
                    }
                    return r.value();
                }));
            }
            List<float[]> features = new ArrayList<>(n);
            List<Failure> failures = new ArrayList<>();
            for (Future<Object> f : futures) {
                Object r = f.get();
                if (r instanceof Failure failure) {
                    features.add(null);
                    failures.add(failure);
                } else {
                    features.add((float[]) r);
                }
            }
            return new Result(features, failures, computed.get(), cached.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("feature extraction interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("feature extraction failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A file's outcome: its features or a {@link Failure}, and whether it came from the cache. */
    private record Loaded(Object value, boolean fromCache) {
    }

    private Loaded loadOne(Path file) {
        String key;
        try {
            key = key(file);
        } catch (NoSuchFileException e) {
            return new Loaded(new Failure(file, "file does not exist"), false);
        } catch (IOException e) {
            return new Loaded(new Failure(file, "cannot be read: " + e.getMessage()), false);
        }
        Path entry = entryPath(key);
        float[] hit = readEntry(entry);
        if (hit != null) {
            return new Loaded(hit, true);
        }
        float[] f;
        try {
            f = function.compute(file);
        } catch (IOException | RuntimeException e) {
            return new Loaded(new Failure(file, reason(file, e)), false);
        }
        if (f == null || f.length != featureLength) {
            return new Loaded(new Failure(file, "feature extraction returned " + (f == null ? "nothing" : f.length + " values")
                    + " instead of " + featureLength), false);
        }
        for (float v : f) {
            if (!Float.isFinite(v)) {
                return new Loaded(new Failure(file, "feature extraction produced a non-finite value"), false);
            }
        }
        writeEntry(entry, f);
        return new Loaded(f, false);
    }

    /** The exception's message without a leading "file: " (the failure names the file itself). */
    static String reason(Path file, Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (String prefix : new String[] {file.toString() + ": ", file.toAbsolutePath() + ": "}) {
            if (msg.startsWith(prefix)) {
                return msg.substring(prefix.length());
            }
        }
        return msg;
    }

    /** Where the entry of a key lives. */
    Path entryPath(String key) {
        return directory.resolve(key.substring(0, 2)).resolve(key + ".f32");
    }

    /** The cache key of a file: SHA-256 of the configuration key and of the file's bytes. */
    String key(Path file) throws IOException {
        MessageDigest content = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                content.update(buf, 0, r);
            }
        }
        MessageDigest combined = sha256();
        combined.update(configKey.getBytes(StandardCharsets.UTF_8));
        combined.update((byte) 0);
        combined.update(content.digest());
        return HexFormat.of().formatHex(combined.digest());
    }

    private float[] readEntry(Path entry) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("feature cache entry {} cannot be read ({}); recomputing", entry, e.toString());
            return null;
        }
        int expected = MAGIC.length + 4 + 4 * featureLength + 8;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length != expected || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || b.getInt(MAGIC.length) != featureLength) {
            LOG.warn("feature cache entry {} is corrupt (size {} bytes, expected {}); recomputing", entry, bytes.length, expected);
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, MAGIC.length + 4, 4 * featureLength);
        if (crc.getValue() != b.getLong(expected - 8)) {
            LOG.warn("feature cache entry {} fails its checksum; recomputing", entry);
            return null;
        }
        float[] f = new float[featureLength];
        b.position(MAGIC.length + 4);
        b.asFloatBuffer().get(f);
        return f;
    }

    private void writeEntry(Path entry, float[] f) {
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + 4 * f.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(f.length);
        for (float v : f) {
            b.putFloat(v);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), MAGIC.length + 4, 4 * f.length);
        b.putLong(crc.getValue());
        try {
            AtomicFiles.write(entry, b.array());
        } catch (IOException e) {
            if (!writeWarned.getAndSet(true)) {
                LOG.warn("cannot write feature cache entry {} ({}); features will be recomputed next time"
                        + " (further write failures are not logged)", entry, e.toString());
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
