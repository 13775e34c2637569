/**
 * Corpus exploration behind {@code ser4j explore}: streams a corpus one file at a time, keeps only
 * per-file summaries and running sums, and writes {@code report.md}, {@code summary.json} and
 * figures (waveform per emotion, mean log-mel spectrogram per emotion, duration histogram).
 *
 * <p>Here live the signal statistics and quality checks ({@link org.ser4j.training.explore.SignalStats},
 * {@link org.ser4j.training.explore.QualityThresholds}), the accumulation of a corpus's statistics
 * ({@link org.ser4j.training.explore.CorpusStatistics}), the driver that decodes files
 * ({@link org.ser4j.training.explore.CorpusExplorer}) and the report writer. Not here: decoding and
 * corpus naming (ser-core), feature DSP (ser-features), chart drawing (the charts package), command
 * line parsing (the examples module).
 */
package org.ser4j.training.explore;
