package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.LabelledClip;

class SampleWeightingTest {

    private static List<LabelledClip> clips(List<Integer> codes) {
        List<LabelledClip> l = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            int c = codes.get(i);
            String corpus = "c" + (c / 60);
            l.add(new LabelledClip(Path.of(i + ".wav"), Emotion.values()[c % 6], "s" + ((c / 6) % 10), corpus, ""));
        }
        return l;
    }

    /** Every group gets the same total weight, and the weights have mean 1. */
    @Property(tries = 200)
    void groupsWeighTheSameAndTheMeanIsOne(@ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 179) Integer> codes,
            @ForAll SampleWeighting balance) {
        List<LabelledClip> clips = clips(codes);
        float[] w = balance.weights(clips);
        assertEquals(clips.size(), w.length);
        double sum = 0;
        for (float x : w) {
            assertTrue(x > 0);
            sum += x;
        }
        assertEquals(1, sum / w.length, 1e-5);
        Function<LabelledClip, String> group = switch (balance) {
            case NONE -> c -> "";
            case CLASS -> c -> c.emotion().name();
            case SPEAKER -> LabelledClip::speakerKey;
            case CORPUS_CLASS -> c -> c.corpus() + c.emotion();
        };
        Map<String, Double> totals = new HashMap<>();
        for (int i = 0; i < w.length; i++) {
            totals.merge(group.apply(clips.get(i)), (double) w[i], Double::sum);
        }
        double first = totals.values().iterator().next();
        for (double t : totals.values()) {
            assertEquals(first, t, 1e-4 * first);
        }
    }

    @Property(tries = 20)
    void idsRoundTrip(@ForAll SampleWeighting balance) {
        assertEquals(balance, SampleWeighting.fromId(balance.id()).orElseThrow());
        assertEquals(balance, SampleWeighting.fromId(" " + balance.id().toUpperCase().replace('-', '_') + " ").orElseThrow());
        assertTrue(SampleWeighting.fromId("speakers").isEmpty());
    }
}
