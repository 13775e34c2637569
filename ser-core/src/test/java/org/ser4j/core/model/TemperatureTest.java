package org.ser4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TemperatureTest {
    @Property(tries = 300)
    void keepsTheArgmaxSumsToOneAndInverts(@ForAll @Size(6) List<@FloatRange(min = 0.01f, max = 1) Float> weights,
            @ForAll @DoubleRange(min = 0.2, max = 5) double t) {
        float[] p = new float[6];
        float sum = 0;
        for (float w : weights) {
            sum += w;
        }
        int argmax = 0;
        for (int c = 0; c < 6; c++) {
            p[c] = weights.get(c) / sum;
            if (p[c] > p[argmax]) {
                argmax = c;
            }
        }
        float[] q = Temperature.apply(p, 6, t);
        double total = 0;
        int qmax = 0;
        for (int c = 0; c < 6; c++) {
            total += q[c];
            if (q[c] > q[qmax]) {
                qmax = c;
            }
        }
        assertEquals(1.0, total, 1e-5);
        assertEquals(p[argmax], p[qmax], 0f, "the most probable class stays the most probable");
        float[] back = Temperature.apply(q, 6, 1 / t);
        for (int c = 0; c < 6; c++) {
            assertEquals(p[c], back[c], 1e-4);
        }
        if (t > 1) {
            assertTrue(q[qmax] <= p[argmax] + 1e-6, "T > 1 softens");
        }
    }

    @Test
    void oneChangesNothingAndBadValuesAreRefused() {
        float[] p = {0.5f, 0.25f, 0.25f};
        assertArrayEquals(p, Temperature.apply(p, 3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Temperature.apply(p, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> Temperature.apply(p, 3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Temperature.apply(p, 2, 2));
    }

    @Test
    void metadataReadsItsTemperature() {
        ModelMetadata none = metadata(Map.of());
        assertEquals(1.0, none.temperature());
        assertEquals(1.75, metadata(Map.of(ModelMetadata.TEMPERATURE_KEY, "1.75")).temperature());
        assertEquals(1.75, ModelMetadata.fromProperties(metadata(Map.of(ModelMetadata.TEMPERATURE_KEY, "1.75")).toProperties()).temperature());
        assertThrows(IllegalArgumentException.class, () -> metadata(Map.of(ModelMetadata.TEMPERATURE_KEY, "warm")).temperature());
        assertThrows(IllegalArgumentException.class, () -> metadata(Map.of(ModelMetadata.TEMPERATURE_KEY, "-1")).temperature());
    }

    private static ModelMetadata metadata(Map<String, String> extra) {
        return new ModelMetadata(FeatureKind.TIME_DOMAIN, 16000, 80080, 2048, 512, 128, 80, 0.0, ModelMetadata.emotionLabels(),
                new float[0], new float[0], extra);
    }
}
