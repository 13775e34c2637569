package org.ser4j.features.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The shortcuts the fast paths take agree with the definitions they replace. */
class FastPathsTest {
    @Property(tries = 1000)
    void zcrSignTestIsLibrosasThreshold(@ForAll float x) {
        boolean fast = x < ZeroCrossingRate.NEG_LIMIT;
        assertEquals(ZeroCrossingRate.negative(x), fast, "x = " + x);
    }

    @Test
    void zcrSignTestAroundTheThreshold() {
        float f = (float) -1e-10;
        for (float x : new float[] {f, Math.nextUp(f), Math.nextDown(f), -f, 0f, -0f, Float.NEGATIVE_INFINITY}) {
            assertEquals(ZeroCrossingRate.negative(x), x < ZeroCrossingRate.NEG_LIMIT, "x = " + x);
        }
    }

    @Property(tries = 1000)
    void fastLog10IsAccurate(@ForAll @DoubleRange(min = -12, max = 12) double decades) {
        double x = Math.pow(10, decades);
        double expected = Math.log10(x);
        assertEquals(expected, PowerToDb.log10(x), 1e-13 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void fastLog10AtPowersOfTwoAndTiny() {
        for (int e = -1070; e < 1020; e += 7) {
            double x = Math.scalb(1.0, e);
            assertEquals(Math.log10(x), PowerToDb.log10(x), 1e-12 * Math.max(1, Math.abs(Math.log10(x))), "2^" + e);
        }
    }
}
