package org.ser4j.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Layer descriptions refuse shapes their arrays do not fit, so an exporter never meets one. */
class LayerSpecTest {
    @Test
    void consistentSpecsKeepTheirOwnCopies() {
        float[] w = new float[2 * 3 * 1 * 5];
        LayerSpec.Conv conv = new LayerSpec.Conv(true, 3, 2, 1, 5, 0, 2, true, w, new float[2]);
        w[0] = 7f;
        assertArrayEquals(new float[30], conv.weights());
        conv.weights()[1] = 9f;
        assertArrayEquals(new float[30], conv.weights());
        new LayerSpec.Dense(4, 6, false, new float[24], new float[6]);
        new LayerSpec.MaxPool(true, 1, 2);
        new LayerSpec.MaxPool(false, 2, 2);
    }

    @Test
    void inconsistentSpecsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec.Dense(4, 6, false, new float[23], new float[6]));
        assertTrue(e.getMessage().contains("23") && e.getMessage().contains("24"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Dense(4, 6, false, new float[24], new float[5]));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.Dense(0, 6, false, new float[0], new float[6]));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec.Conv(false, 3, 2, 3, 3, 1, 1, true, new float[2 * 3 * 3 * 3 - 1], new float[2]));
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec.Conv(true, 3, 2, 3, 5, 0, 2, true, new float[2 * 3 * 3 * 5], new float[2]),
                "a Conv1D with a kernel of height 3");
        assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec.Conv(false, 3, 2, 3, 3, -1, 1, true, new float[54], new float[2]));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.MaxPool(true, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.MaxPool(false, 2, 0));
        assertThrows(NullPointerException.class, () -> new LayerSpec.Dense(1, 1, false, null, new float[1]));
    }
}
