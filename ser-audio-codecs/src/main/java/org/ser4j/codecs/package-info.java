/**
 * Optional decoders for FLAC, MP3 and Ogg Vorbis, registered as ser-core
 * {@link org.ser4j.core.audio.AudioDecoderProvider}s (found with {@link java.util.ServiceLoader}) on
 * the pure-Java Java Sound SPI decoders jFLAC, mp3spi/JLayer and vorbisspi/JOrbis, all LGPL-2.1: a
 * separate module so that an application reading only WAV ships nothing under the LGPL. The SPI
 * readers and converters are called directly, never through {@code AudioSystem}. No resampling or
 * features here.
 */
package org.ser4j.codecs;
