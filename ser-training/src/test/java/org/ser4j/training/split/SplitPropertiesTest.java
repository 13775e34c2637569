package org.ser4j.training.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.LabelledClip;

class SplitPropertiesTest {

    private static List<LabelledClip> clips(List<Integer> codes) {
        List<LabelledClip> l = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            int c = codes.get(i);
            Emotion e = Emotion.values()[c % Emotion.COUNT];
            String corpus = "c" + (c / 60);
            String speaker = "s" + ((c / 6) % 10);
            l.add(new LabelledClip(Path.of(corpus, speaker, i + ".wav"), e, speaker, corpus, ""));
        }
        return l;
    }

    @Property(tries = 100)
    void speakerDisjointIsAPartitionWithDisjointSpeakers(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 179) Integer> codes,
            @ForAll @DoubleRange(min = 0, max = 0.45) double val, @ForAll @DoubleRange(min = 0, max = 0.45) double test,
            @ForAll long seed) {
        List<LabelledClip> clips = clips(codes);
        DatasetSplit s = Splits.speakerDisjoint(clips, val, test, seed);
        assertEquals(clips.size(), s.train().size() + s.validation().size() + s.test().size());
        Set<LabelledClip> all = new HashSet<>(s.train());
        all.addAll(s.validation());
        all.addAll(s.test());
        assertEquals(new HashSet<>(clips), all);
        Set<String> tr = keys(s.train());
        Set<String> va = keys(s.validation());
        Set<String> te = keys(s.test());
        assertTrue(tr.stream().noneMatch(va::contains) && tr.stream().noneMatch(te::contains)
                && va.stream().noneMatch(te::contains));
        if (!clips.isEmpty()) {
            assertTrue(!s.train().isEmpty(), "every corpus keeps a training speaker");
        }
        assertEquals(s, Splits.speakerDisjoint(clips, val, test, seed));
    }

    @Property(tries = 100)
    void notebookRandomIsAStratifiedPartition(@ForAll @Size(max = 400) List<@IntRange(min = 0, max = 179) Integer> codes,
            @ForAll long seed) {
        List<LabelledClip> clips = clips(codes);
        DatasetSplit s = Splits.notebookRandom(clips, seed);
        assertEquals(clips.size(), s.train().size() + s.validation().size() + s.test().size());
        assertEquals((int) Math.ceil(0.3 * clips.size() - 1e-9), s.test().size());
        for (Emotion e : Emotion.values()) {
            long n = clips.stream().filter(c -> c.emotion() == e).count();
            long t = s.test().stream().filter(c -> c.emotion() == e).count();
            assertTrue(Math.abs(t - n * (double) s.test().size() / Math.max(1, clips.size())) < 1.0 + 1e-9, e.toString());
        }
        assertEquals(s, Splits.notebookRandom(clips, seed));
    }

    private static Set<String> keys(List<LabelledClip> l) {
        return l.stream().map(LabelledClip::speakerKey).collect(Collectors.toSet());
    }
}
