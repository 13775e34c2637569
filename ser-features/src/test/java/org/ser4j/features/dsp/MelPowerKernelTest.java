package org.ser4j.features.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The SIMD kernel computes what the portable kernel computes, for any FFT size, hop and length. */
class MelPowerKernelTest {

    @Property(tries = 40)
    void simdKernelEqualsPortableKernel(@ForAll("signals") float[] signal, @ForAll("ffts") int nFft,
            @ForAll("hopDivisors") int hopDivisor) {
        Assume.that(VectorSupport.available());
        int hop = Math.max(1, nFft / hopDivisor);
        MelFilterbank fb = new MelFilterbank(16000, nFft, Math.max(1, Math.min(40, nFft / 4)));
        MelPowerKernel simd = VectorSupport.vectorKernel(nFft, hop, fb);
        assertTrue(simd != null && simd.name().startsWith("vector"), "vector kernel loads");
        MelPowerKernel portable = MelPowerKernel.portable(nFft, hop, fb);
        int frames = Framing.centeredFrameCount(signal.length, hop);
        float[] a = new float[fb.melBands() * frames];
        float[] b = new float[a.length];
        simd.melPower(signal, a);
        portable.melPower(signal, b);
        float max = 0;
        for (float v : b) {
            max = Math.max(max, v);
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-6 * Math.abs(b[i]) + 1e-9 * max, "band " + i / frames + " frame " + i % frames);
        }
    }

    @Property(tries = 40)
    void paddingInsideTheKernelEqualsAPaddedCopy(@ForAll("signals") float[] signal, @ForAll("ffts") int nFft,
            @ForAll("hopDivisors") int hopDivisor, @ForAll("extraSamples") int extra) {
        Assume.that(VectorSupport.available());
        int hop = Math.max(1, nFft / hopDivisor);
        MelFilterbank fb = new MelFilterbank(16000, nFft, Math.max(1, Math.min(40, nFft / 4)));
        MelPowerKernel simd = VectorSupport.vectorKernel(nFft, hop, fb);
        int length = signal.length + extra;
        int frames = Framing.centeredFrameCount(length, hop);
        float[] a = new float[fb.melBands() * frames];
        float[] b = new float[a.length];
        simd.melPowerPadded(signal, length, a);
        simd.melPower(java.util.Arrays.copyOf(signal, length), b);
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-6 * Math.abs(b[i]), "band " + i / frames + " frame " + i % frames);
        }
    }

    @Provide
    Arbitrary<Integer> extraSamples() {
        return Arbitraries.integers().between(0, 5000);
    }

    @Property(tries = 200)
    void simdPowerToDbEqualsPortable(@ForAll("powers") float[] power, @ForAll("topDbs") double topDb) {
        Assume.that(VectorSupport.available());
        MelPowerKernel simd = VectorSupport.vectorKernel(16, 4, new MelFilterbank(16000, 16, 4));
        float[] a = power.clone();
        float[] b = power.clone();
        simd.powerToDb(a, PowerToDb.DEFAULT_AMIN, topDb);
        PowerToDb.inPlace(b, PowerToDb.DEFAULT_AMIN, topDb);
        for (int i = 0; i < a.length; i++) {
            // the same float-rounded log terms, up to one float ulp of the log term
            assertEquals(b[i], a[i], 2e-5, "value " + i + " = " + power[i]);
        }
    }

    @org.junit.jupiter.api.Test
    void vectorsOfClippedPowersSkipTheLogarithmWithTheSameResult() {
        Assume.that(VectorSupport.available());
        MelPowerKernel simd = VectorSupport.vectorKernel(16, 4, new MelFilterbank(16000, 16, 4));
        // 8 powers 90 dB below the maximum (all clipped), 8 around the clip level (mixed), 8 loud
        float[] power = new float[24];
        for (int i = 0; i < 8; i++) {
            power[i] = 1e-9f * (1 + i);
            power[8 + i] = (float) (7.5e-8 * Math.pow(10, 0.01 * (i - 4))); // the floor is 7.5e-8: some lanes above, some below
            power[16 + i] = 0.5f + i; // the maximum is 7.5
        }
        float[] a = power.clone();
        float[] b = power.clone();
        simd.powerToDb(a, PowerToDb.DEFAULT_AMIN, 80.0);
        PowerToDb.inPlace(b, PowerToDb.DEFAULT_AMIN, 80.0);
        for (int i = 0; i < 8; i++) {
            assertEquals(-80f, a[i], "clipped vector, value " + i);
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 2e-5, "value " + i + " = " + power[i]);
        }
    }

    @Provide
    Arbitrary<float[]> powers() {
        Arbitrary<Float> wide = Arbitraries.doubles().between(-14, 4).map(e -> (float) Math.pow(10, e));
        return Arbitraries.oneOf(wide, Arbitraries.just(0f)).array(float[].class).ofMinSize(0).ofMaxSize(100);
    }

    @Provide
    Arbitrary<Double> topDbs() {
        return Arbitraries.of(10.0, 80.0, 200.0, Double.POSITIVE_INFINITY);
    }

    @Provide
    Arbitrary<float[]> signals() {
        return Arbitraries.floats().between(-1f, 1f).array(float[].class).ofMinSize(0).ofMaxSize(3000);
    }

    @Provide
    Arbitrary<Integer> ffts() {
        return Arbitraries.of(16, 32, 64, 128, 256, 512, 2048);
    }

    @Provide
    Arbitrary<Integer> hopDivisors() {
        return Arbitraries.of(1, 2, 3, 4, 5);
    }
}
