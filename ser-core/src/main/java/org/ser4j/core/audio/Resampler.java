package org.ser4j.core.audio;

/** Band-limited sample-rate conversion. (Contract stub: implementation pending.) */
public final class Resampler {
    private Resampler() {
    }

    /** The clip at {@code targetRate}; returned unchanged when it already has that rate. */
    public static AudioClip resample(AudioClip clip, int targetRate) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
