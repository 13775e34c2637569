/**
 * Audio input and output: {@link org.ser4j.core.audio.AudioFiles} (files) and
 * {@link org.ser4j.core.audio.AudioStreams} (streams) are the entry points, choosing the decoder
 * from the content's first bytes: WAV here, FLAC/MP3/Ogg Vorbis through an
 * {@link org.ser4j.core.audio.AudioDecoderProvider} found with {@link java.util.ServiceLoader}
 * (the optional ser-audio-codecs module); {@link org.ser4j.core.audio.WavDecoder} reads PCM and IEEE-float WAV
 * into mono float samples scaled as librosa/soundfile does (bad files raise
 * {@link org.ser4j.core.audio.AudioFormatException}, empty ones its subclass
 * {@link org.ser4j.core.audio.EmptyAudioException}, each naming the file), within the bounds of
 * {@link org.ser4j.core.audio.AudioLimits} (rate, channels, duration, header chunks), which every
 * decoder checks before it allocates the samples;
 * {@link org.ser4j.core.audio.Resampler} does band-limited resampling, and
 * {@link org.ser4j.core.audio.StreamingResampler} the same, bit for bit, on audio arriving in
 * chunks; {@link org.ser4j.core.audio.PcmConverter} is the one conversion of PCM bytes
 * ({@code javax.sound.sampled.AudioFormat} layouts) to mono floats, used by the WAV decoder and for
 * live audio, and {@link org.ser4j.core.audio.WavDecoder#readStreamHeader} reads a WAV header off a
 * live stream;
 * {@link org.ser4j.core.audio.AudioStreams} decodes a stream by its content. Writing WAV files is
 * test support ({@code WavWriter} in ser-core's test jar), not API. No feature extraction here
 * (that is ser-features) and no corpus naming (that is {@code org.ser4j.training.corpus}).
 */
package org.ser4j.core.audio;
