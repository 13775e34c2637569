package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.ser4j.core.model.FeatureKind;

class TrainingConfigTest {
    @Test
    void recipesAreTheNotebooks() {
        TrainingConfig time = TrainingConfig.recipe(FeatureKind.TIME_DOMAIN);
        assertEquals(2.5e-3, time.learningRate());
        assertEquals(120, time.batchSize());
        TrainingConfig mel = TrainingConfig.recipe(FeatureKind.LOG_MEL);
        assertEquals(1e-3, mel.learningRate());
        assertEquals(1024, mel.batchSize());
        for (TrainingConfig c : new TrainingConfig[] {time, mel}) {
            assertEquals(Standardization.NONE, c.standardization());
            assertEquals(1.0, c.l2Scale());
            assertEquals(0, c.patience());
            assertTrue(c.threads() >= 1);
        }
    }

    @Test
    void withersChangeOneSetting() {
        TrainingConfig c = TrainingConfig.recipe(FeatureKind.LOG_MEL);
        TrainingConfig d = c.withBatchSize(32).withPatience(5).withStandardization(Standardization.GLOBAL);
        assertEquals(32, d.batchSize());
        assertEquals(5, d.patience());
        assertEquals(Standardization.GLOBAL, d.standardization());
        assertEquals(c.learningRate(), d.learningRate());
        assertEquals("global", d.asMap().get("standardization"));
        assertEquals(32, d.asMap().get("batchSize"));
    }

    @Test
    void rejectsNonsense() {
        TrainingConfig c = TrainingConfig.recipe(FeatureKind.TIME_DOMAIN);
        assertThrows(IllegalArgumentException.class, () -> c.withEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> c.withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> c.withLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> c.withLearningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> c.withL2Scale(-1));
        assertThrows(IllegalArgumentException.class, () -> c.withPatience(-1));
        assertThrows(IllegalArgumentException.class, () -> c.withThreads(0));
    }

    @Property(tries = 30)
    void idsRoundTrip(@ForAll Standardization s, @ForAll SplitMethod m) {
        assertEquals(Optional.of(s), Standardization.fromId(s.id().toUpperCase(java.util.Locale.ROOT)));
        assertEquals(Optional.of(m), SplitMethod.fromId(" " + m.id() + " "));
    }

    @Test
    void unknownIdsAreEmpty() {
        assertEquals(Optional.empty(), Standardization.fromId("minmax"));
        assertEquals(Optional.of(Standardization.PER_FEATURE), Standardization.fromId("per_feature"));
        assertEquals(Optional.empty(), SplitMethod.fromId("actor"));
    }
}
