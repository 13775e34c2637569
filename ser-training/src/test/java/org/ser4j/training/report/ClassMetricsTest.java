package org.ser4j.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.core.Emotion;

class ClassMetricsTest {
    @Test
    void handComputedExample() {
        long[][] c = new long[6][6];
        // anger: 8 right, 2 taken for disgust; disgust: 5 right, 5 taken for anger; fear: 3 taken for sad.
        c[0][0] = 8;
        c[0][1] = 2;
        c[1][1] = 5;
        c[1][0] = 5;
        c[2][5] = 3;
        ClassMetrics m = ClassMetrics.of(c);
        assertEquals(23, m.clips());
        assertEquals(13.0 / 23, m.accuracy(), 1e-12);
        ClassMetrics.ClassScore anger = m.score(Emotion.ANGER);
        assertEquals(8.0 / 13, anger.precision(), 1e-12);
        assertEquals(0.8, anger.recall(), 1e-12);
        assertEquals(2 * (8.0 / 13) * 0.8 / (8.0 / 13 + 0.8), anger.f1(), 1e-12);
        assertEquals(10, anger.support());
        ClassMetrics.ClassScore disgust = m.score(Emotion.DISGUST);
        assertEquals(5.0 / 7, disgust.precision(), 1e-12);
        assertEquals(0.5, disgust.recall(), 1e-12);
        assertEquals(0, m.score(Emotion.FEAR).f1());
        assertEquals(0, m.score(Emotion.SAD).precision(), "sad predicted 3 times, never right");
        // macro F1 over the classes that occur (anger, disgust, fear, sad), as scikit-learn does.
        double expected = (anger.f1() + disgust.f1() + 0 + 0) / 4;
        assertEquals(expected, m.macroF1(), 1e-12);
        assertEquals(List.of(new ClassMetrics.ConfusedPair("disgust", "anger", 5), new ClassMetrics.ConfusedPair("fear", "sad", 3)),
                m.mostConfused());
        assertEquals(5, m.count(Emotion.DISGUST, Emotion.ANGER));
    }

    @Test
    void perfectAndEmpty() {
        long[][] c = new long[6][6];
        for (int i = 0; i < 6; i++) {
            c[i][i] = i + 1;
        }
        ClassMetrics m = ClassMetrics.of(c);
        assertEquals(1.0, m.accuracy());
        assertEquals(1.0, m.macroF1(), 1e-12);
        assertTrue(m.mostConfused().isEmpty());
        ClassMetrics empty = ClassMetrics.of(new long[6][6]);
        assertEquals(0, empty.clips());
        assertEquals(0.0, empty.macroF1());
    }

    @Test
    void rejectsMalformedMatrices() {
        assertThrows(IllegalArgumentException.class, () -> ClassMetrics.of(new long[5][6]));
        assertThrows(IllegalArgumentException.class, () -> ClassMetrics.of(new long[6][5]));
        long[][] neg = new long[6][6];
        neg[1][2] = -1;
        assertThrows(IllegalArgumentException.class, () -> ClassMetrics.of(neg));
    }

    @Property(tries = 200)
    void invariants(@ForAll @Size(36) List<@IntRange(min = 0, max = 50) Integer> cells) {
        long[][] c = new long[6][6];
        long trace = 0;
        long total = 0;
        for (int k = 0; k < 36; k++) {
            c[k / 6][k % 6] = cells.get(k);
            total += cells.get(k);
            if (k / 6 == k % 6) {
                trace += cells.get(k);
            }
        }
        ClassMetrics m = ClassMetrics.of(c);
        assertEquals(total, m.clips());
        assertEquals(total == 0 ? 0 : trace / (double) total, m.accuracy(), 1e-12);
        assertTrue(m.macroF1() >= 0 && m.macroF1() <= 1);
        long supportSum = 0;
        for (ClassMetrics.ClassScore s : m.perClass()) {
            assertTrue(s.f1() <= Math.max(s.precision(), s.recall()) + 1e-12 && s.f1() >= Math.min(s.precision(), s.recall()) - 1e-12
                    || s.f1() == 0);
            supportSum += s.support();
        }
        assertEquals(total, supportSum);
        assertTrue(m.mostConfused().size() <= 2);
        long maxOff = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                if (i != j) {
                    maxOff = Math.max(maxOff, c[i][j]);
                }
            }
        }
        if (maxOff > 0) {
            assertEquals(maxOff, m.mostConfused().get(0).count());
        }
        if (m.mostConfused().size() == 2) {
            assertTrue(m.mostConfused().get(0).count() >= m.mostConfused().get(1).count());
        }
    }
}
