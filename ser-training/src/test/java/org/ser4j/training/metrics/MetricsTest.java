package org.ser4j.training.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ser4j.core.Emotion.ANGER;
import static org.ser4j.core.Emotion.DISGUST;
import static org.ser4j.core.Emotion.FEAR;
import static org.ser4j.core.Emotion.HAPPY;
import static org.ser4j.core.Emotion.NEUTRAL;
import static org.ser4j.core.Emotion.SAD;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.training.metrics.ClassificationReport.ClassMetrics;
import org.ser4j.training.metrics.ClassificationReport.ConfusedPair;

class MetricsTest {

    /** anger: 3 right, 1 as sad; sad: 2 right, 2 as anger, 1 as neutral; neutral: 1 right; happy predicted once for neutral. */
    private static ConfusionMatrix example() {
        ConfusionMatrix m = new ConfusionMatrix();
        m.add(ANGER, ANGER, 3);
        m.add(ANGER, SAD);
        m.add(SAD, SAD, 2);
        m.add(SAD, ANGER, 2);
        m.add(SAD, NEUTRAL);
        m.add(NEUTRAL, NEUTRAL);
        m.add(NEUTRAL, HAPPY);
        return m;
    }

    @Test
    void matrixCounts() {
        ConfusionMatrix m = example();
        assertEquals(11, m.total());
        assertEquals(6, m.correct());
        assertEquals(2, m.count(SAD, ANGER));
        assertEquals(0, m.count(ANGER, NEUTRAL));
        assertEquals(5, m.actualTotal(SAD));
        assertEquals(5, m.predictedTotal(ANGER));
        long[][] c = m.counts();
        c[0][0] = 99;
        assertEquals(3, m.count(ANGER, ANGER), "counts() is a copy");
        assertEquals(m, ConfusionMatrix.of(m.counts()));
        assertThrows(IllegalArgumentException.class, () -> m.add(ANGER, SAD, -1));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new long[5][6]));
        assertTrue(m.toString().contains("neutral"));
    }

    @Test
    void mergeAddsCounts() {
        ConfusionMatrix a = example();
        ConfusionMatrix b = new ConfusionMatrix();
        b.add(FEAR, DISGUST);
        b.add(ANGER, ANGER);
        assertEquals(a, a.merge(b));
        assertEquals(13, a.total());
        assertEquals(4, a.count(ANGER, ANGER));
        assertEquals(1, a.count(FEAR, DISGUST));
        assertEquals(2, b.total());
        assertNotEquals(a, b);
    }

    @Test
    void reportMatchesHandComputedValues() {
        ClassificationReport r = ClassificationReport.of(example());
        assertEquals(6 / 11.0, r.accuracy(), 1e-12);
        // anger: P = 3/5, R = 3/4, F1 = 2/3
        ClassMetrics anger = r.metrics(ANGER);
        assertEquals(0.6, anger.precision(), 1e-12);
        assertEquals(0.75, anger.recall(), 1e-12);
        assertEquals(2 * 0.6 * 0.75 / 1.35, anger.f1(), 1e-12);
        assertEquals(4, anger.support());
        // sad: P = 2/3, R = 2/5
        ClassMetrics sad = r.metrics(SAD);
        assertEquals(2 / 3.0, sad.precision(), 1e-12);
        assertEquals(0.4, sad.recall(), 1e-12);
        // neutral: P = 1/2, R = 1/2
        assertEquals(0.5, r.metrics(NEUTRAL).f1(), 1e-12);
        // happy: predicted once, never actual: P = 0/1, R = 0/0 := 0, F1 = 0; still counts in macro F1
        ClassMetrics happy = r.metrics(HAPPY);
        assertEquals(0, happy.precision());
        assertEquals(0, happy.recall());
        assertEquals(0, happy.f1());
        assertEquals(0, happy.support());
        // fear and disgust occur nowhere: excluded from the macro average
        double sadF1 = 2 * (2 / 3.0) * 0.4 / (2 / 3.0 + 0.4);
        assertEquals((anger.f1() + sadF1 + 0.5 + 0) / 4, r.macroF1(), 1e-12);
        assertEquals(List.of(new ConfusedPair(SAD, ANGER, 2), new ConfusedPair(ANGER, SAD, 1),
                new ConfusedPair(NEUTRAL, HAPPY, 1), new ConfusedPair(SAD, NEUTRAL, 1)), r.mostConfused(10));
        assertEquals(List.of(new ConfusedPair(SAD, ANGER, 2)), r.mostConfused(1));
        assertEquals(List.of(), r.mostConfused(0));
        assertThrows(IllegalArgumentException.class, () -> r.mostConfused(-1));
        assertTrue(r.toText().contains("macro f1"));
    }

    @Test
    void emptyMatrixIsAllZeros() {
        ClassificationReport r = ClassificationReport.of(new ConfusionMatrix());
        assertEquals(0, r.accuracy());
        assertEquals(0, r.macroF1());
        assertEquals(0, r.total());
        assertTrue(r.mostConfused(3).isEmpty());
        for (ClassMetrics m : r.classes()) {
            assertEquals(0, m.f1());
        }
    }

    @Test
    void reportIsASnapshot() {
        ConfusionMatrix m = example();
        ClassificationReport r = ClassificationReport.of(m);
        m.add(HAPPY, HAPPY, 100);
        assertEquals(11, r.total());
        long[][] c = r.counts();
        c[0][0] = 1000;
        assertArrayEquals(example().counts()[0], r.counts()[0]);
    }

    @Test
    void concurrentAddsAreAllCounted() throws InterruptedException {
        ConfusionMatrix m = new ConfusionMatrix();
        Thread[] ts = new Thread[4];
        for (int t = 0; t < ts.length; t++) {
            ts[t] = new Thread(() -> {
                for (int i = 0; i < 10000; i++) {
                    m.add(ANGER, SAD);
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(40000, m.count(ANGER, SAD));
    }
}
