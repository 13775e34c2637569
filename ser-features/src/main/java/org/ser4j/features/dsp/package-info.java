/**
 * librosa-faithful DSP building blocks (librosa 0.10 defaults): fixed-length pad/trim, centred
 * framing, the periodic Hann window, the power STFT, Slaney and HTK mel scales, the mel
 * filterbank, power to dB, zero-crossing rate, RMS, leading/trailing silence trimming and per-utterance
 * row normalisation.
 *
 * <p><b>Internal, not API.</b> This package serves the extractors of {@link org.ser4j.features}
 * ({@code LogMelSpectrogram}, {@code TimeDomainFeatures}); use those. Most classes are
 * package-private. The few that are public ({@link org.ser4j.features.dsp.FixedLength},
 * {@link org.ser4j.features.dsp.MelFilterbank}, {@link org.ser4j.features.dsp.MelPowerKernel},
 * {@link org.ser4j.features.dsp.PowerToDb}, {@link org.ser4j.features.dsp.Rms}, {@link org.ser4j.features.dsp.RowNormalization},
 * {@link org.ser4j.features.dsp.SilenceTrim}, {@link org.ser4j.features.dsp.ZeroCrossingRate}) are public only because
 * {@code org.ser4j.features} calls them across the package boundary; no other module uses them,
 * and they may change or disappear in any release without notice.
 *
 * <p>Every class documents its defaults and units the way librosa does. Classes here are either
 * static functions or immutable objects whose tables are built once in the constructor; all are
 * safe to share between threads (scratch is per call, or borrowed from a pool for the call). No I/O, no
 * resampling, no decoding and no model code belongs here.
 */
package org.ser4j.features.dsp;
