/**
 * The two feature extractors of the reference notebook ({@link org.ser4j.features.TimeDomainFeatures}, {@link org.ser4j.features.LogMelSpectrogram}) and their configuration, plus {@link org.ser4j.features.FeatureCsv} which writes feature matrices in the librosa fixtures' CSV layout. No decoding, models or training here. DSP building blocks live in {@code org.ser4j.features.dsp}.
 */
package org.ser4j.features;
