package org.ser4j.features.dsp;

import org.ser4j.core.simd.SimdSupport;

/**
 * Creates the Vector API mel kernel through ser-core's {@link SimdSupport} (the library's one
 * switch, {@code -Dser4j.simd=off}), so that the portable code never links against the
 * incubator module.
 */
final class VectorSupport {
    private VectorSupport() {
    }

    /** Whether the Vector API may be used. */
    static boolean available() {
        return SimdSupport.enabled();
    }

    /** The SIMD kernel, or null when unavailable or unsuitable for the parameters. */
    static MelPowerKernel vectorKernel(int nFft, int hopLength, MelFilterbank filterbank) {
        if (nFft < 16 || Integer.bitCount(nFft) != 1 || filterbank.fftBins() != 1 + nFft / 2) {
            return null;
        }
        return SimdSupport.load(MelPowerKernel.class, "org.ser4j.features.dsp.VectorMelPowerKernel",
                new Class<?>[] {int.class, int.class, MelFilterbank.class}, nFft, hopLength, filterbank);
    }
}
