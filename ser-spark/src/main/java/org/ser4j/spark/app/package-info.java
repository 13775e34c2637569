/**
 * The {@code ser4j-spark} application ({@link org.ser4j.spark.app.Ser4jSparkApp}, the main class of
 * {@code ser4j-spark.jar}): classifies a folder of audio files on Spark into a Parquet or CSV table.
 * Application code: it parses a command line, prints a summary and exits with a status code.
 */
package org.ser4j.spark.app;
