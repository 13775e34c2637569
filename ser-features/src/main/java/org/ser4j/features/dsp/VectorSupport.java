package org.ser4j.features.dsp;

import java.lang.reflect.InvocationTargetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the Vector API kernel reflectively, only when {@code jdk.incubator.vector} is in the boot
 * layer, so that the portable code never links against the incubator module.
 */
final class VectorSupport {
    private static final Logger LOG = LoggerFactory.getLogger(VectorSupport.class);
    private static final String MODULE = "jdk.incubator.vector";
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule(MODULE).isPresent()
            && !Boolean.getBoolean("ser4j.features.noVector");

    private VectorSupport() {
    }

    /** Whether the Vector API can be used. */
    static boolean available() {
        return AVAILABLE;
    }

    /** The SIMD kernel, or null when unavailable or unsuitable for the parameters. */
    static MelPowerKernel vectorKernel(int nFft, int hopLength, MelFilterbank filterbank) {
        if (!AVAILABLE || nFft < 16 || Integer.bitCount(nFft) != 1 || filterbank.fftBins() != 1 + nFft / 2) {
            return null;
        }
        try {
            return (MelPowerKernel) Class.forName("org.ser4j.features.dsp.VectorMelPowerKernel")
                    .getDeclaredConstructor(int.class, int.class, MelFilterbank.class)
                    .newInstance(nFft, hopLength, filterbank);
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException | LinkageError e) {
            LOG.debug("Vector API kernel unavailable, using the portable one", e);
            return null;
        }
    }
}
