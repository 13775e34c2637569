package org.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The CSV writer prints floats exactly as Python prints {@code float(np.float32(v))}. */
class FeatureCsvTest {
    @Test
    void matchesPythonRepr() {
        // expected strings produced by CPython: repr(float(np.float32(v)))
        assertEquals("0.02734375", FeatureCsv.pythonRepr(0.02734375f));
        assertEquals("0.2495955526828766", FeatureCsv.pythonRepr(0.2495955526828766f));
        assertEquals("8.055623084146646e-07", FeatureCsv.pythonRepr(8.055623084146646e-07f));
        assertEquals("-80.0", FeatureCsv.pythonRepr(-80f));
        assertEquals("9.999999747378752e-06", FeatureCsv.pythonRepr(1e-5f));
        assertEquals("9.999999747378752e-05", FeatureCsv.pythonRepr(1e-4f));
        assertEquals("12345678.0", FeatureCsv.pythonRepr(12345678f));
        assertEquals("1.0000000272564224e+16", FeatureCsv.pythonRepr(1e16f));
        assertEquals("2.802596928649634e-45", FeatureCsv.pythonRepr(3e-45f));
        assertEquals("1.0", FeatureCsv.pythonRepr(1f));
        assertEquals("100.0", FeatureCsv.pythonRepr(100f));
        assertEquals("123.45600128173828", FeatureCsv.pythonRepr(123.456f));
        assertEquals("0.0", FeatureCsv.pythonRepr(0f));
        assertEquals("-0.0", FeatureCsv.pythonRepr(-0f));
    }

    @Property(tries = 300)
    void readsBackToTheSameFloat(@ForAll float v) {
        if (Float.isFinite(v)) {
            assertEquals(v, (float) Double.parseDouble(FeatureCsv.pythonRepr(v)), 0f);
            assertEquals((double) v, Double.parseDouble(FeatureCsv.pythonRepr(v)), 0.0);
        }
    }

    @Test
    void writesRowsOfCommaSeparatedValues() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeatureCsv.write(new float[] {1f, 0.5f, -2f, 0f, 1e-7f, 3f}, 2, 3, out);
        assertEquals("1.0,0.5,-2.0\n0.0,1.0000000116860974e-07,3.0\n", out.toString(StandardCharsets.US_ASCII));
    }
}
