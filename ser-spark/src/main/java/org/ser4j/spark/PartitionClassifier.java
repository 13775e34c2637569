package org.ser4j.spark;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.models.ClassificationResult;
import org.ser4j.models.EncodedAudio;
import org.ser4j.models.WindowedEmotionClassifier;

/**
 * Classifies one partition's rows: takes them in chunks (at most {@link #CHUNK_FILES} files and,
 * for encoded content, about {@link #CHUNK_BYTES} bytes), runs each chunk through this executor's
 * shared classifier as one batch run on the task's thread, and returns one result row per input
 * row, in input order, lazily (a chunk at a time, so memory stays bounded however large the
 * partition). A file that cannot be classified becomes a row with an error, never a failed task.
 */
final class PartitionClassifier implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    /** Files per batch run: enough to fill the default inference batches of 32 windows. */
    static final int CHUNK_FILES = 64;
    /** Encoded bytes per batch run, so a partition of long recordings is not held at once. */
    static final long CHUNK_BYTES = 64L << 20;
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    private final String model;
    private final int pathIndex;
    /** The content column's index, or -1 when the rows hold paths of local files. */
    private final int contentIndex;

    PartitionClassifier(String model, int pathIndex, int contentIndex) {
        this.model = model;
        this.pathIndex = pathIndex;
        this.contentIndex = contentIndex;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private Iterator<Row> chunk = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!chunk.hasNext() && rows.hasNext()) {
                    chunk = classifyChunk(rows).iterator();
                }
                return chunk.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.next();
            }
        };
    }

    /** Takes the next chunk of rows and classifies it. */
    private List<Row> classifyChunk(Iterator<Row> rows) {
        List<String> paths = new ArrayList<>();
        Row[] out = new Row[CHUNK_FILES];
        List<Integer> slots = new ArrayList<>();
        List<EncodedAudio> encoded = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        long bytes = 0;
        while (paths.size() < CHUNK_FILES && bytes < CHUNK_BYTES && rows.hasNext()) {
            Row row = rows.next();
            int i = paths.size();
            String path = row.isNullAt(pathIndex) ? null : row.getString(pathIndex);
            paths.add(path);
            if (path == null) {
                out[i] = failure(null, "the row has no path");
            } else if (contentIndex >= 0) {
                if (row.isNullAt(contentIndex)) {
                    out[i] = failure(path, "the row has no content");
                } else {
                    byte[] content = (byte[]) row.get(contentIndex);
                    encoded.add(new EncodedAudio(name(path), content));
                    slots.add(i);
                    bytes += content.length;
                }
            } else {
                try {
                    files.add(localPath(path));
                    slots.add(i);
                } catch (IllegalArgumentException e) {
                    out[i] = failure(path, e.getMessage());
                }
            }
        }
        if (!slots.isEmpty()) {
            WindowedEmotionClassifier classifier = ExecutorClassifiers.get(model);
            List<ClassificationResult> results = new ArrayList<>(slots.size());
            if (contentIndex >= 0) {
                classifier.classifyEachEncoded(encoded, Runnable::run, results::add);
            } else {
                classifier.classifyEach(files, Runnable::run, results::add);
            }
            for (int k = 0; k < slots.size(); k++) {
                int i = slots.get(k);
                out[i] = toRow(paths.get(i), results.get(k));
            }
        }
        return java.util.Arrays.asList(out).subList(0, paths.size());
    }

    /** A name for error messages; any string is a valid path on Unix, not everywhere. */
    private static Path name(String path) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            return Path.of("<unnamed>");
        }
    }

    /**
     * The local file a path names: a plain path or a {@code file:} URI.
     *
     * @throws IllegalArgumentException for another scheme (such as {@code hdfs:}) or an invalid path
     */
    static Path localPath(String path) {
        if (path.startsWith("file:")) {
            try {
                return Path.of(URI.create(path));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a usable file: URI (" + e.getMessage() + ")");
            }
        }
        if (URI_SCHEME.matcher(path).matches() && !path.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new IllegalArgumentException("not a local file: classify paths of other file systems from their"
                    + " content (Spark's binaryFile source)");
        }
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path (" + e.getReason() + ")");
        }
    }

    /** A result row; the error is the reason alone (the path is its own column). */
    static Row toRow(String path, ClassificationResult result) {
        if (result.isSuccess()) {
            Prediction p = result.prediction().orElseThrow();
            Object[] values = new Object[4 + Emotion.COUNT];
            values[0] = path;
            values[1] = p.emotion().label();
            values[2] = p.probability(p.emotion());
            for (Emotion e : Emotion.values()) {
                values[3 + e.ordinal()] = p.probability(e);
            }
            return RowFactory.create(values);
        }
        String error = result.error().orElseThrow();
        String prefix = result.path() + ": ";
        return failure(path, error.startsWith(prefix) && error.length() > prefix.length()
                ? error.substring(prefix.length()) : error);
    }

    static Row failure(String path, String reason) {
        Object[] values = new Object[4 + Emotion.COUNT];
        values[0] = path;
        values[values.length - 1] = reason;
        return RowFactory.create(values);
    }
}
