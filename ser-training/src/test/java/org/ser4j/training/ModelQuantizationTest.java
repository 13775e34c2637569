package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.training.nn.ValueRange;

class ModelQuantizationTest {
    @Test
    void aPercentileCutsTheTailAboveAndBelowZeroOnly() {
        // 10 bins over [0, 10]: 998 values in the first bin, one in bin 5, one in the last
        long[] h = new long[10];
        h[0] = 998;
        h[5] = 1;
        h[9] = 1;
        ValueRange range = new ValueRange(0f, 10f);
        assertEquals(new ValueRange(0f, 1f), ModelQuantization.percentileRange(range, h, 99.8));
        assertEquals(new ValueRange(0f, 6f), ModelQuantization.percentileRange(range, h, 99.9));
        assertEquals(range, ModelQuantization.percentileRange(range, h, 100));
        // a range reaching below 0 is cut at both ends
        long[] sym = new long[10];
        sym[0] = 1;
        sym[4] = 499;
        sym[5] = 499;
        sym[9] = 1;
        assertEquals(new ValueRange(-1f, 1f), ModelQuantization.percentileRange(new ValueRange(-5f, 5f), sym, 99.9));
    }

    @Test
    void requestsCheckTheirNumbers() {
        Path p = Path.of("x");
        assertThrows(TrainingInputException.class, () -> new ModelQuantization.Request(p, List.of(p), 0, p, 1, p, 100));
        assertThrows(TrainingInputException.class, () -> new ModelQuantization.Request(p, List.of(p), 1, p, 0, p, 100));
        assertThrows(TrainingInputException.class, () -> new ModelQuantization.Request(p, List.of(p), 1, p, 1, p, 99));
        assertThrows(TrainingInputException.class, () -> new ModelQuantization.Request(p, List.of(p), 1, p, 1, p, Double.NaN));
        assertEquals(99.99, new ModelQuantization.Request(p, List.of(p), 1, p, 1, p, 99.99).percentile());
    }
}
