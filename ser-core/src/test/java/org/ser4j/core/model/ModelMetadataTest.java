package org.ser4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The metadata is a value: immutable, equal by content, and it survives the ONNX properties. */
class ModelMetadataTest {
    private static ModelMetadata metadata(float[] mean, float[] std, int clipSamples) {
        return new ModelMetadata(FeatureKind.TIME_DOMAIN, 16000, clipSamples, 2048, 512, 128, 80.0, 0.0,
                ModelMetadata.emotionLabels(), mean, std, Map.of("seed", "7", "note", "a test"));
    }

    @Property
    void propertiesRoundTripToAnEqualValue(@ForAll @Size(max = 40) float[] mean, @ForAll @IntRange(min = 1, max = 200_000) int clip) {
        float[] std = new float[mean.length];
        java.util.Arrays.fill(std, 0.5f);
        ModelMetadata m = metadata(mean, std, clip);
        ModelMetadata back = ModelMetadata.fromProperties(m.toProperties());
        assertEquals(m, back);
        assertEquals(m.hashCode(), back.hashCode());
        assertArrayEquals(mean, back.mean());
    }

    @Property
    void theArraysCannotBeChangedFromOutside(@ForAll @Size(min = 1, max = 10) float[] mean,
            @ForAll @FloatRange(min = 1f, max = 10f) float delta) {
        float[] given = mean.clone();
        ModelMetadata m = metadata(given, new float[mean.length], 80_080);
        given[0] += delta;
        m.mean()[0] += delta;
        m.std()[0] += delta;
        assertArrayEquals(mean, m.mean());
        assertArrayEquals(new float[mean.length], m.std());
    }

    @Test
    void differentArraysAreNotEqual() {
        ModelMetadata a = metadata(new float[] {1f}, new float[] {2f}, 80_080);
        assertEquals(a, metadata(new float[] {1f}, new float[] {2f}, 80_080));
        assertNotEquals(a, metadata(new float[] {1f}, new float[] {3f}, 80_080));
        assertNotEquals(a, metadata(new float[] {1f}, new float[] {2f}, 80_000));
    }

    @Test
    void longArraysAreSummarisedInToString() {
        String s = metadata(new float[20_096], new float[20_096], 80_080).toString();
        assertTrue(s.contains("mean=[20096 values]") && s.length() < 500, s);
        assertTrue(metadata(new float[] {1.5f}, new float[] {2f}, 80_080).toString().contains("mean=[1.5]"));
    }

    @Property
    void theSilenceTrimmingThresholdRoundTrips(@ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 120) double trim) {
        ModelMetadata m = new ModelMetadata(FeatureKind.LOG_MEL, 16000, 80_080, 2048, 512, 128, 80.0, trim,
                ModelMetadata.emotionLabels(), new float[] {1f}, new float[] {2f}, Map.of());
        ModelMetadata back = ModelMetadata.fromProperties(m.toProperties());
        assertEquals(trim, back.trimTopDb());
        assertEquals(m, back);
        assertEquals("2", m.toProperties().get("ser4j.format"));
    }

    @Test
    void formatOneModelsReadAsUntrimmedAndFormatTwoNeedsTheThreshold() {
        ModelMetadata m = metadata(new float[] {1f}, new float[] {2f}, 80_080);
        Map<String, String> v1 = new java.util.HashMap<>(m.toProperties());
        v1.put("ser4j.format", "1");
        v1.remove("ser4j.feature.trim_top_db");
        assertEquals(m, ModelMetadata.fromProperties(v1));
        Map<String, String> v2 = new java.util.HashMap<>(m.toProperties());
        v2.remove("ser4j.feature.trim_top_db");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelMetadata.fromProperties(v2));
        assertTrue(e.getMessage().contains("ser4j.feature.trim_top_db"), e.getMessage());
        v2.put("ser4j.feature.trim_top_db", "-3");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ModelMetadata.fromProperties(v2));
        v2.put("ser4j.format", "4");
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ModelMetadata.fromProperties(v2));
        assertTrue(e.getMessage().contains("format 4"), e.getMessage());
    }

    @Test
    void utteranceNormalisationIsWrittenAsFormatThreeAndOlderFormatsHaveNone() {
        ModelMetadata plain = metadata(new float[] {1f}, new float[] {2f}, 80_080);
        ModelMetadata cmvn = new ModelMetadata(FeatureKind.TIME_DOMAIN, 16000, 80_080, 2048, 512, 128, 80.0, 0.0,
                UtteranceNormalization.CMVN, ModelMetadata.emotionLabels(), new float[] {1f}, new float[] {2f}, Map.of());
        assertEquals(UtteranceNormalization.NONE, plain.utteranceNormalization());
        Map<String, String> p = cmvn.toProperties();
        assertEquals("3", p.get("ser4j.format"), "older readers must refuse a model they would feed unnormalised features");
        assertEquals("cmvn", p.get("ser4j.feature.utterance_norm"));
        assertEquals(cmvn, ModelMetadata.fromProperties(p));
        assertNotEquals(plain, cmvn);
        assertTrue(!plain.toProperties().containsKey("ser4j.feature.utterance_norm"));
        assertEquals("2", plain.toProperties().get("ser4j.format"));

        Map<String, String> missing = new java.util.HashMap<>(p);
        missing.remove("ser4j.feature.utterance_norm");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ModelMetadata.fromProperties(missing));
        assertTrue(e.getMessage().contains("ser4j.feature.utterance_norm"), e.getMessage());
        Map<String, String> unknown = new java.util.HashMap<>(p);
        unknown.put("ser4j.feature.utterance_norm", "zscore");
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ModelMetadata.fromProperties(unknown));
        assertTrue(e.getMessage().contains("zscore"), e.getMessage());
        Map<String, String> v2 = new java.util.HashMap<>(p);
        v2.put("ser4j.format", "2");
        assertEquals(UtteranceNormalization.NONE, ModelMetadata.fromProperties(v2).utteranceNormalization(),
                "format 2 has no normalisation, whatever unknown keys it carries");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ModelMetadata(FeatureKind.LOG_MEL,
                16000, 80_080, 2048, 512, 128, 80.0, 0.0, null, ModelMetadata.emotionLabels(), new float[0], new float[0], Map.of()));
    }
}
