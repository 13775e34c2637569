package org.ser4j.training.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QualityChecksTest {
    private static final QualityThresholds T = QualityThresholds.DEFAULT;
    private static final double FULL16 = 32767 / 32768.0;

    private static List<QualityCheck> checks(float[] x) {
        return QualityChecks.check("a.wav", SignalStats.of(x, FULL16, T.minClipRun()), T).stream()
                .map(QualityFinding::check).toList();
    }

    static float[] sine(int n, double amplitude, double offset) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (offset + amplitude * Math.sin(2 * Math.PI * 200 * i / 16000.0));
        }
        return x;
    }

    @Test
    void normalSpeechLevelPasses() {
        assertEquals(List.of(), checks(sine(16000, 0.3, 0)));
    }

    @Test
    void emptyIsOnlyEmpty() {
        assertEquals(List.of(QualityCheck.EMPTY), checks(new float[0]));
    }

    @Test
    void digitalSilenceAndOneStepNoiseAreSilentOnly() {
        assertEquals(List.of(QualityCheck.SILENT), checks(new float[1000]));
        float[] x = new float[1000];
        x[10] = 1 / 32768f;
        x[11] = -1 / 32768f;
        assertEquals(List.of(QualityCheck.SILENT), checks(x));
    }

    @Test
    void hardClippedSineIsClipped() {
        float[] x = sine(16000, 1.5, 0);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-1f, Math.min((float) FULL16, x[i]));
        }
        List<QualityFinding> f = QualityChecks.check("c.wav", SignalStats.of(x, FULL16, T.minClipRun()), T);
        assertEquals(List.of(QualityCheck.CLIPPED), f.stream().map(QualityFinding::check).toList());
        assertTrue(f.get(0).detail().contains("runs at full scale"), f.get(0).detail());
    }

    @Test
    void aSinglePeakAtFullScaleIsNotClipping() {
        float[] x = sine(16000, 0.5, 0);
        x[100] = 1f;
        x[101] = 1f;
        assertEquals(List.of(), checks(x));
    }

    @Test
    void offsetSignalHasDcOffset() {
        assertEquals(List.of(QualityCheck.DC_OFFSET), checks(sine(16000, 0.3, 0.05)));
        assertEquals(List.of(), checks(sine(16000, 0.3, 0.005)));
    }

    @Test
    void quietSignalIsLowLevel() {
        // -46 dBFS peak: below the -40 dBFS limit; -34 dBFS is not.
        assertEquals(List.of(QualityCheck.LOW_LEVEL), checks(sine(16000, 0.005, 0)));
        assertEquals(List.of(), checks(sine(16000, 0.02, 0)));
        // -20 dBFS peak but a single click in silence: RMS far below -60 dBFS.
        float[] click = new float[16000];
        click[5] = 0.1f;
        assertEquals(List.of(QualityCheck.LOW_LEVEL), checks(click));
    }

    @Test
    void definitionsStateTheThresholds() {
        assertTrue(QualityCheck.CLIPPED.definition(T).contains("3 or more consecutive samples"));
        assertTrue(QualityCheck.LOW_LEVEL.definition(T).contains("-40.0 dBFS"));
        assertTrue(QualityCheck.DC_OFFSET.definition(T).contains("0.01"));
    }
}
