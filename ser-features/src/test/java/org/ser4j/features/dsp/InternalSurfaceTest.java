package org.ser4j.features.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Only the classes package-info names as called from {@code org.ser4j.features} are public. */
class InternalSurfaceTest {
    @Test
    void onlyTheClassesTheExtractorsCallArePublic() {
        Set<String> publicOnes = new TreeSet<>();
        for (Class<?> c : new Class<?>[] {FixedLength.class, Framing.class, HannWindow.class, MelFilterbank.class,
                MelPowerKernel.class, MelScale.class, PortableMelPowerKernel.class, PowerSpectrogram.class,
                PowerToDb.class, Rms.class, SilenceTrim.class, VectorAlignment.class, VectorSupport.class,
                ZeroCrossingRate.class}) {
            if (Modifier.isPublic(c.getModifiers())) {
                publicOnes.add(c.getSimpleName());
            }
        }
        assertEquals(Set.of("FixedLength", "MelFilterbank", "MelPowerKernel", "PowerToDb", "Rms", "SilenceTrim", "ZeroCrossingRate"),
                publicOnes);
    }
}
