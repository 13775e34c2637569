/**
 * Throughput benchmarks of the training engine, run by hand (main classes in test scope); they
 * measure and print, never assert speed.
 */
package org.ser4j.training.bench;
