package org.ser4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Classifies the emotion of every audio file of a Spark table, on the executors.
 *
 * <pre>{@code
 * SparkEmotionClassifier classifier = SparkEmotionClassifier.forModel("default");
 * Dataset<Row> files = spark.read().format("binaryFile")
 *         .option("recursiveFileLookup", "true").option("pathGlobFilter", "*.wav").load("hdfs:///calls/");
 * Dataset<Row> emotions = classifier.classifyContent(files);   // columns: ResultColumns
 * emotions.write().parquet("hdfs:///calls-emotions/");
 * }</pre>
 *
 * <p>The input is either encoded files ({@link #classifyContent}: a {@code path} and a
 * {@code content} column, as Spark's {@code binaryFile} source gives them) or paths of files the
 * executors can open ({@link #classifyPaths}: a {@code path} column). The result has one row per
 * input row, in the input's partitions and order, with the columns of {@link ResultColumns}. A file
 * that cannot be classified (not audio, truncated, too long, missing) gets a row whose
 * {@code error} says why; the task does not fail. A model that cannot be opened does fail the
 * tasks, and so the job.
 *
 * <p><b>Executors.</b> Each executor JVM opens the model once, when its first task needs it, shares
 * it between its tasks and closes it when the JVM exits. Each task classifies its partition in
 * batches (64 files at a time), on its own thread, with one ONNX Runtime thread, so an executor
 * with {@code spark.executor.cores = N} runs N classifications at once. The model is a bundled
 * name ({@code default}, {@code time}, {@code mel}, {@code ensemble}; the executors then need
 * ser-models-bundled on their class path) or the path of an ONNX model exported by ser-training:
 * a path the executors can open, or the file name of a file distributed with the job (such as
 * {@code spark-submit --files}). Probabilities equal those of
 * {@link org.ser4j.models.WindowedEmotionClassifier#classifyAll} with default options.
 *
 * <p>Immutable and serializable (it carries only the model's name).
 */
public final class SparkEmotionClassifier implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String model;

    private SparkEmotionClassifier(String model) {
        this.model = model;
    }

    /**
     * A classifier of the given model. Nothing is opened here: each executor opens the model when
     * its first task runs.
     *
     * @param model a bundled model's name ({@code default}, {@code time}, {@code mel},
     *     {@code ensemble}, case-insensitive) or the path or distributed file name of an ONNX model
     *     exported by ser-training; a file of a bundled model's name wins
     * @return the classifier
     * @throws NullPointerException if {@code model} is null
     * @throws IllegalArgumentException if {@code model} is blank
     */
    public static SparkEmotionClassifier forModel(String model) {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must name a bundled model or a model file, got a blank string");
        }
        return new SparkEmotionClassifier(model.strip());
    }

    /**
     * The model, as given to {@link #forModel}.
     *
     * @return the bundled name or model path
     */
    public String model() {
        return model;
    }

    /**
     * Classifies encoded audio files: WAV, and FLAC, MP3 or Ogg Vorbis when ser-audio-codecs is on
     * the executors' class path, each recognised by its content.
     *
     * @param files a table with a string column {@code path} (only copied to the result) and a
     *     binary column {@code content} (the file's bytes), such as
     *     {@code spark.read().format("binaryFile").load(dir)}; other columns are ignored
     * @return one row per input row with the columns of {@link ResultColumns}; lazy, like every
     *     Spark transformation
     * @throws NullPointerException if {@code files} is null
     * @throws IllegalArgumentException if {@code files} lacks the {@code path} or {@code content}
     *     column or one has another type
     */
    public Dataset<Row> classifyContent(Dataset<Row> files) {
        Objects.requireNonNull(files, "files");
        StructType schema = files.schema();
        int path = column(schema, ResultColumns.PATH, DataTypes.StringType);
        int content = column(schema, ResultColumns.CONTENT, DataTypes.BinaryType);
        return files.mapPartitions(new PartitionClassifier(model, path, content), Encoders.row(ResultColumns.schema()));
    }

    /**
     * Classifies files that every executor can open by path (a local disk, or a shared file system
     * mounted at the same place on every node), reading them there; for files of other file systems
     * (HDFS, object stores) use {@link #classifyContent}.
     *
     * @param paths a table with a string column {@code path}: a plain path or a {@code file:} URI;
     *     other columns are ignored. A path of another scheme gets an error row.
     * @return one row per input row with the columns of {@link ResultColumns}; lazy, like every
     *     Spark transformation
     * @throws NullPointerException if {@code paths} is null
     * @throws IllegalArgumentException if {@code paths} lacks a string column {@code path}
     */
    public Dataset<Row> classifyPaths(Dataset<Row> paths) {
        Objects.requireNonNull(paths, "paths");
        int path = column(paths.schema(), ResultColumns.PATH, DataTypes.StringType);
        return paths.mapPartitions(new PartitionClassifier(model, path, -1), Encoders.row(ResultColumns.schema()));
    }

    private static int column(StructType schema, String name, DataType type) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("the input has no column '" + name + "' (it has " + Arrays.toString(schema.fieldNames()) + ")");
        }
        int index = schema.fieldIndex(name);
        DataType actual = schema.fields()[index].dataType();
        if (!actual.equals(type)) {
            throw new IllegalArgumentException("column '" + name + "' must be " + type.simpleString() + ", not " + actual.simpleString());
        }
        return index;
    }

    @Override
    public String toString() {
        return "SparkEmotionClassifier[" + model + "]";
    }
}
