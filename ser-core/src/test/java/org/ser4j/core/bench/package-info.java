/**
 * JMH benchmarks of ser-core's audio input (decoding, resampling). Measured, never asserted: no
 * tests here.
 */
package org.ser4j.core.bench;
