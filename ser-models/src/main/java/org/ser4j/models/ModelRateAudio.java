package org.ser4j.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.AudioLimits;
import org.ser4j.core.audio.AudioStreams;
import org.ser4j.core.audio.Resampler;

/**
 * Audio from a file, a stream or a decoded clip, brought to the models' rate, refused (before the
 * big allocations) when it is outside the classifier's limits or empty.
 */
final class ModelRateAudio {
    /** How a stream is named in error messages. */
    private static final String STREAM = "<stream>";

    private final AudioSource source;
    private final ClassifierOptions options;
    private final AudioLimits limits;
    private final int sampleRate;

    ModelRateAudio(AudioSource source, ClassifierOptions options, int sampleRate) {
        this.source = source;
        this.options = options;
        this.limits = options.audioLimits();
        this.sampleRate = sampleRate;
    }

    /** The file's samples at the model rate; refused from the header when outside the limits. */
    float[] read(Path path) throws IOException {
        return checked(source.read(path, limits), path.toString());
    }

    /** The stream's samples at the model rate, the stream read to its end (not closed). */
    float[] read(InputStream audio) throws IOException {
        return checked(AudioStreams.read(audio, STREAM, limits), STREAM);
    }

    /** Encoded audio held in memory, at the model rate; error messages name it as {@code name}. */
    float[] read(EncodedAudio encoded) throws IOException {
        String name = encoded.name().toString();
        return checked(AudioStreams.read(new ByteArrayInputStream(encoded.content()), name, limits), name);
    }

    /**
     * A decoded clip at the model rate.
     *
     * @throws IllegalArgumentException if it is too long or empty
     */
    float[] of(AudioClip clip) {
        String tooLong = tooLongToResample(clip);
        if (tooLong != null) {
            throw new IllegalArgumentException("the clip holds " + tooLong);
        }
        float[] samples = atModelRate(clip);
        if (samples.length == 0) {
            throw new IllegalArgumentException("the clip holds no samples");
        }
        return samples;
    }

    private float[] checked(AudioClip clip, String name) throws AudioFormatException {
        String tooLong = tooLongToResample(clip);
        if (tooLong != null) {
            throw new AudioFormatException(name, tooLong);
        }
        float[] samples = atModelRate(clip);
        if (samples.length == 0) {
            throw new AudioFormatException(name, "holds no audio samples");
        }
        return samples;
    }

    /**
     * Why the clip cannot be brought to the model rate, or null: longer than the maximum duration,
     * or (a safety net for small heaps) needing more than a quarter of the maximum heap at the model
     * rate, checked before the resampler allocates.
     */
    private String tooLongToResample(AudioClip clip) {
        double seconds = clip.durationSeconds();
        double limit = options.maxDuration().toMillis() / 1000.0;
        if (seconds > limit) {
            return String.format(Locale.ROOT, "%.1f s of audio, longer than the limit of %.1f s", seconds, limit);
        }
        long out = ((long) clip.length() * sampleRate + clip.sampleRate() - 1) / clip.sampleRate();
        long bytes = 4 * out;
        long budget = Runtime.getRuntime().maxMemory() / 4;
        if (bytes > budget) {
            return String.format(Locale.ROOT, "%.1f s of audio need %d MiB at %d Hz, more than a quarter of the"
                    + " maximum heap (%d MiB)", seconds, bytes >> 20, sampleRate, Runtime.getRuntime().maxMemory() >> 20);
        }
        return null;
    }

    private float[] atModelRate(AudioClip clip) {
        return clip.sampleRate() == sampleRate ? clip.samples() : Resampler.resample(clip, sampleRate).samples();
    }
}
