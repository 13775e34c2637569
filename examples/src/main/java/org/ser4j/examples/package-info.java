/**
 * Short standalone programs showing the ser4j API, one per class: {@link org.ser4j.examples.ClassifyFile},
 * {@link org.ser4j.examples.ClassifyFolderConcurrently} and {@link org.ser4j.examples.LiveMicrophone}.
 * Each has a {@code main}; none holds library logic (that lives in ser-core, ser-features and
 * ser-models), and the command-line tool lives in {@code org.ser4j.cli}.
 */
package org.ser4j.examples;
