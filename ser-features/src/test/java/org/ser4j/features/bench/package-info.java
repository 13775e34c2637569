/**
 * JMH benchmarks of the feature extractors (test scope; never run by {@code mvn test}). See
 * {@code ser-features/README.md} for the command that runs them.
 */
package org.ser4j.features.bench;
