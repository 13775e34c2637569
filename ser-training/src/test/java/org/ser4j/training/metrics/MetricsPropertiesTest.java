package org.ser4j.training.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.ser4j.core.Emotion;
import org.ser4j.training.metrics.ClassificationReport.ClassMetrics;
import org.ser4j.training.metrics.ClassificationReport.ConfusedPair;

class MetricsPropertiesTest {

    private static ConfusionMatrix matrix(List<Integer> cells) {
        ConfusionMatrix m = new ConfusionMatrix();
        for (int c : cells) {
            m.add(Emotion.values()[c / Emotion.COUNT], Emotion.values()[c % Emotion.COUNT]);
        }
        return m;
    }

    @Property(tries = 300)
    void accuracyIsTraceOverTotalAndF1IsTheHarmonicMean(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 35) Integer> cells) {
        ConfusionMatrix m = matrix(cells);
        ClassificationReport r = ClassificationReport.of(m);
        long trace = 0;
        for (Emotion e : Emotion.values()) {
            trace += m.count(e, e);
        }
        assertEquals(cells.size(), r.total());
        assertEquals(cells.isEmpty() ? 0 : trace / (double) cells.size(), r.accuracy(), 1e-12);
        double f1Sum = 0;
        int present = 0;
        for (ClassMetrics c : r.classes()) {
            double p = c.precision();
            double rc = c.recall();
            assertTrue(p >= 0 && p <= 1 && rc >= 0 && rc <= 1);
            assertEquals(p + rc == 0 ? 0 : 2 * p * rc / (p + rc), c.f1(), 1e-12);
            assertTrue(c.f1() <= Math.max(p, rc) + 1e-12 && c.f1() >= Math.min(p, rc) - 1e-12);
            assertEquals(m.actualTotal(c.emotion()), c.support());
            if (c.support() > 0 || m.predictedTotal(c.emotion()) > 0) {
                f1Sum += c.f1();
                present++;
            }
        }
        assertEquals(present == 0 ? 0 : f1Sum / present, r.macroF1(), 1e-12);
    }

    @Property(tries = 200)
    void mostConfusedAreOffDiagonalAndSortedDescending(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 35) Integer> cells,
            @ForAll @IntRange(min = 0, max = 40) int k) {
        ConfusionMatrix m = matrix(cells);
        List<ConfusedPair> pairs = ClassificationReport.of(m).mostConfused(k);
        long nonZeroOff = 0;
        for (Emotion a : Emotion.values()) {
            for (Emotion p : Emotion.values()) {
                if (a != p && m.count(a, p) > 0) {
                    nonZeroOff++;
                }
            }
        }
        assertEquals(Math.min(k, nonZeroOff), pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            ConfusedPair c = pairs.get(i);
            assertTrue(c.actual() != c.predicted() && c.count() > 0);
            assertEquals(m.count(c.actual(), c.predicted()), c.count());
            if (i > 0) {
                assertTrue(pairs.get(i - 1).count() >= c.count());
            }
        }
    }

    @Property(tries = 200)
    void mergeEqualsAddingEverythingToOneMatrix(@ForAll List<@IntRange(min = 0, max = 35) Integer> a,
            @ForAll List<@IntRange(min = 0, max = 35) Integer> b) {
        ConfusionMatrix merged = matrix(a).merge(matrix(b));
        ConfusionMatrix all = matrix(a);
        for (int c : b) {
            all.add(Emotion.values()[c / Emotion.COUNT], Emotion.values()[c % Emotion.COUNT]);
        }
        assertEquals(all, merged);
        assertEquals(a.size() + b.size(), merged.total());
    }
}
