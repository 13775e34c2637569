/**
 * The two feature extractors of the reference notebook ({@link org.ser4j.features.TimeDomainFeatures}, {@link org.ser4j.features.LogMelSpectrogram}) and their configuration. DSP building blocks live in {@code org.ser4j.features.dsp}.
 */
package org.ser4j.features;
