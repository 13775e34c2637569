/**
 * Audio input: WAV decoding to mono float samples scaled as librosa/soundfile does, and band-limited resampling. No feature extraction here (that is ser-features).
 */
package org.ser4j.core.audio;
