/**
 * Emotion classification of audio tables on Apache Spark: {@link org.ser4j.spark.SparkEmotionClassifier}
 * turns a table of encoded files (Spark's {@code binaryFile} source) or of file paths into a table
 * of emotions ({@link org.ser4j.spark.ResultColumns}).
 *
 * <p>Spark itself is a provided dependency: the cluster (or the application jar) brings it. Each
 * executor JVM opens the model once and shares it between its tasks; each task classifies its
 * partition in batches through ser-models' batch API, and a file that cannot be classified becomes
 * an error row rather than a failed task. Logging goes through SLF4J; nothing here prints, exits or
 * writes files.
 */
package org.ser4j.spark;
