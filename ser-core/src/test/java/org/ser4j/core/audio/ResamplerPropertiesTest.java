package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ser4j.core.audio.ResamplerTest.sine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

class ResamplerPropertiesTest {

    /**
     * A sine in the passband comes out as the same sine sampled at the new rate: same frequency,
     * amplitude and phase (the resampler has no delay), within -60 dB of residual.
     */
    @Property(tries = 40)
    void preservesASinesFrequencyAmplitudeAndPhase(@ForAll("rate") int source, @ForAll("rate") int target,
            @ForAll @DoubleRange(min = 0.02, max = 0.85) double relativeFreq,
            @ForAll @DoubleRange(min = 0.01, max = 0.99) double amplitude,
            @ForAll @DoubleRange(min = 0, max = 6.28) double phase) {
        double freq = relativeFreq * Math.min(source, target) / 2;
        int n = source / 4; // 250 ms
        float[] y = Resampler.resample(sine(freq, amplitude, phase, source, n), source, target);
        float[] expected = sine(freq, amplitude, phase, target, y.length);
        int margin = Math.max(target / 40, 1); // 25 ms of edge transient
        double err = 0;
        for (int i = margin; i < y.length - margin; i++) {
            double d = y[i] - expected[i];
            err += d * d;
        }
        double residual = Math.sqrt(err / (y.length - 2 * margin));
        assertTrue(residual <= 1e-3 * amplitude, "residual " + residual + " for amplitude " + amplitude
                + " at " + freq + " Hz, " + source + " -> " + target);
    }

    @Provide
    Arbitrary<Integer> rate() {
        return Arbitraries.of(8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 96000);
    }
}
