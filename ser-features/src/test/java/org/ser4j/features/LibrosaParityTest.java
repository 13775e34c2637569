package org.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ser4j.features.dsp.MelFilterbank;
import org.ser4j.features.dsp.MelPowerKernel;

/**
 * Parity with librosa 0.10.2 on every fixture in {@code shared/fixtures/librosa}: ZCR exact, RMS
 * and mel power within 1e-5 relative on values above 1e-10 of the clip maximum, dB within 1e-3 dB,
 * filterbank within 1e-6.
 */
class LibrosaParityTest {
    private static final LogMelSpectrogram MEL = new LogMelSpectrogram(FeatureConfig.DEFAULT);
    private static final LogMelSpectrogram PORTABLE = new LogMelSpectrogram(FeatureConfig.DEFAULT, MelPowerKernel::portable);

    @Test
    void testsRunTheSimdKernelWhenTheVectorApiIsLoaded() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertTrue(MEL.kernelName().startsWith("vector"), MEL.kernelName());
        assertEquals("portable", PORTABLE.kernelName());
    }
    private static final TimeDomainFeatures TIME = new TimeDomainFeatures(FeatureConfig.DEFAULT);

    @Test
    void filterbankMatchesLibrosa() throws IOException {
        Path root = LibrosaFixtures.require();
        double[][] expected = LibrosaFixtures.readCsv(root.resolve("expected/mel_filterbank_sr16000_nfft2048_nmels128.csv"));
        MelFilterbank fb = new MelFilterbank(16000, 2048, 128);
        assertEquals(128, expected.length);
        double worst = 0;
        for (int m = 0; m < 128; m++) {
            assertEquals(1025, expected[m].length);
            for (int k = 0; k < 1025; k++) {
                worst = Math.max(worst, Math.abs(fb.weight(m, k) - expected[m][k]));
            }
        }
        assertTrue(worst <= 1e-6, "worst filterbank difference " + worst);
    }

    @TestFactory
    List<DynamicTest> everyFixture() throws IOException {
        Path root = LibrosaFixtures.require();
        List<DynamicTest> tests = new ArrayList<>();
        List<String> names = LibrosaFixtures.names(root);
        assertTrue(names.size() >= 10, "expected the full fixture set, found " + names);
        for (String name : names) {
            tests.add(DynamicTest.dynamicTest(name, () -> checkFixture(root, name)));
        }
        return tests;
    }

    private static void checkFixture(Path root, String name) throws IOException {
        Path wav = root.resolve("inputs").resolve(name + ".wav");
        assertEquals(16000, LibrosaFixtures.sampleRate(wav), "fixtures are 16 kHz");
        float[] y = LibrosaFixtures.readPcm16(wav);
        Path exp = root.resolve("expected");
        int frames = FeatureConfig.DEFAULT.frames();

        float[] time = TIME.extract(y);
        double[] zcr = single(LibrosaFixtures.readCsv(exp.resolve(name + ".zcr.csv")), frames);
        double[] rms = single(LibrosaFixtures.readCsv(exp.resolve(name + ".rms.csv")), frames);
        for (int t = 0; t < frames; t++) {
            assertEquals((float) zcr[t], time[t], name + " zcr frame " + t);
        }
        assertRelative(name + " rms", flatten(new double[][] {rms}), slice(time, frames, frames), 1e-5);

        double[] expectedMel = flatten(shape(LibrosaFixtures.readCsv(exp.resolve(name + ".mel.csv")), 128, frames));
        double[] expectedDb = flatten(shape(LibrosaFixtures.readCsv(exp.resolve(name + ".db.csv")), 128, frames));
        for (LogMelSpectrogram extractor : new LogMelSpectrogram[] {MEL, PORTABLE}) {
            String what = name + " (" + extractor.kernelName() + ")";
            assertRelative(what + " mel", expectedMel, extractor.melPower(y), 1e-5);
            assertDb(what, expectedDb, extractor.extract(y), frames);
        }
    }

    private static void assertDb(String name, double[] expectedDb, float[] db, int frames) {
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < db.length; i++) {
            double d = Math.abs(db[i] - expectedDb[i]);
            if (d > worst) {
                worst = d;
                worstAt = i;
            }
        }
        assertTrue(worst <= 1e-3, name + " db: worst difference " + worst + " dB at band " + (worstAt / frames) + " frame " + (worstAt % frames));
    }

    static void assertRelative(String what, double[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + " length");
        double max = 0;
        for (double v : expected) {
            max = Math.max(max, Math.abs(v));
        }
        double floor = 1e-10 * max;
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i]) > floor) {
                double rel = Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]);
                if (rel > worst) {
                    worst = rel;
                    worstAt = i;
                }
            }
        }
        assertTrue(worst <= tol, what + ": worst relative difference " + worst + " at index " + worstAt
                + (worstAt >= 0 ? " (expected " + expected[worstAt] + ", got " + actual[worstAt] + ")" : ""));
    }

    private static double[] single(double[][] rows, int n) {
        assertEquals(1, rows.length, "one row");
        assertEquals(n, rows[0].length, "columns");
        return rows[0];
    }

    private static double[][] shape(double[][] rows, int r, int c) {
        assertEquals(r, rows.length, "rows");
        for (double[] row : rows) {
            assertEquals(c, row.length, "columns");
        }
        return rows;
    }

    private static double[] flatten(double[][] rows) {
        int n = 0;
        for (double[] r : rows) {
            n += r.length;
        }
        double[] out = new double[n];
        int i = 0;
        for (double[] r : rows) {
            System.arraycopy(r, 0, out, i, r.length);
            i += r.length;
        }
        return out;
    }

    private static float[] slice(float[] a, int from, int len) {
        float[] out = new float[len];
        System.arraycopy(a, from, out, 0, len);
        return out;
    }
}
