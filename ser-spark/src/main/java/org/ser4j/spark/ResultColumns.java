package org.ser4j.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ser4j.core.Emotion;

/**
 * The columns of the tables that {@link SparkEmotionClassifier} returns, in order:
 * {@code path}, {@code emotion}, {@code confidence}, one probability column per {@link Emotion}
 * named by its {@link Emotion#label() label} ({@code anger}, {@code disgust}, {@code fear},
 * {@code happy}, {@code neutral}, {@code sad}), and {@code error}. The same names as the columns of
 * ser4j's per-folder CSV.
 *
 * <p>A classified file has every column but {@code error} set; a file that could not be classified
 * has only {@code path} and {@code error}. Probabilities and the confidence are the model's
 * {@code float}s, unrounded.
 */
public final class ResultColumns {
    /** The file's path or URI, as given in the input (string). */
    public static final String PATH = "path";
    /** The most probable emotion's label, such as {@code anger} (string; null on error). */
    public static final String EMOTION = "emotion";
    /** The probability of {@link #EMOTION} (float; null on error). */
    public static final String CONFIDENCE = "confidence";
    /** Why the file could not be classified (string; null when it was). */
    public static final String ERROR = "error";
    /** The input column of encoded file bytes for {@link SparkEmotionClassifier#classifyContent} (binary), as Spark's {@code binaryFile} source names it. */
    public static final String CONTENT = "content";

    private static final StructType SCHEMA = buildSchema();

    private ResultColumns() {
    }

    /**
     * The name of an emotion's probability column.
     *
     * @param emotion the emotion; not null
     * @return its {@link Emotion#label() label}, such as {@code anger}
     * @throws NullPointerException if {@code emotion} is null
     */
    public static String probability(Emotion emotion) {
        return emotion.label();
    }

    /**
     * Every result column's name, in table order.
     *
     * @return an unmodifiable list: path, emotion, confidence, the six probabilities in
     *     {@link Emotion} order, error
     */
    public static List<String> names() {
        return List.of(SCHEMA.fieldNames());
    }

    /**
     * The result tables' schema; every column nullable.
     *
     * @return path (string), emotion (string), confidence (float), six probabilities (float),
     *     error (string)
     */
    public static StructType schema() {
        return SCHEMA;
    }

    private static StructType buildSchema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(PATH, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(EMOTION, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(CONFIDENCE, DataTypes.FloatType, true));
        for (Emotion e : Emotion.values()) {
            fields.add(DataTypes.createStructField(probability(e), DataTypes.FloatType, true));
        }
        fields.add(DataTypes.createStructField(ERROR, DataTypes.StringType, true));
        return DataTypes.createStructType(Collections.unmodifiableList(fields));
    }
}
