package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Property
    void cosineFallsFromOneToTheFloorAndStaysThere(@ForAll @IntRange(min = 1, max = 200) int horizon,
            @ForAll @IntRange(min = 1, max = 50) int stepsPerEpoch) {
        LearningRateSchedule s = LearningRateSchedule.cosine(horizon);
        assertEquals(1.0, s.factor(1, 0, stepsPerEpoch), 1e-15);
        double previous = Double.POSITIVE_INFINITY;
        for (int epoch = 1; epoch <= horizon + 2; epoch++) {
            for (int step = 0; step < stepsPerEpoch; step++) {
                double f = s.factor(epoch, step, stepsPerEpoch);
                assertTrue(f >= LearningRateSchedule.COSINE_FLOOR - 1e-15 && f <= 1.0, "factor " + f);
                assertTrue(f <= previous, "rises at epoch " + epoch + " step " + step);
                previous = f;
                if (epoch > horizon) {
                    assertEquals(LearningRateSchedule.COSINE_FLOOR, f, 1e-15);
                }
            }
        }
    }

    @Property
    void constantIsAlwaysOne(@ForAll @IntRange(min = 1, max = 1000) int epoch, @ForAll @IntRange(min = 0, max = 99) int step) {
        assertEquals(1.0, LearningRateSchedule.CONSTANT.factor(epoch, step, 100));
    }

    @Test
    void aHorizonMustFitTheKind() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(false, 5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(3).factor(1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(3).factor(0, 0, 1));
        assertEquals("cosine over 30 epochs", LearningRateSchedule.cosine(30).describe());
        assertEquals("cosine over 30 epochs", TrainingConfig.recipe(org.ser4j.core.model.FeatureKind.LOG_MEL)
                .withSchedule(LearningRateSchedule.cosine(30)).asMap().get("learningRateSchedule"));
        assertTrue(!TrainingConfig.recipe(org.ser4j.core.model.FeatureKind.LOG_MEL).asMap().containsKey("learningRateSchedule"));
    }
}
