package org.ser4j.training.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.LabelledClip;

class SpeakerFoldsPropertiesTest {

    /** Clip {@code i} of code {@code c}: corpus {@code c / 60}, speaker {@code (c / 6) % 10}, emotion {@code c % 6}. */
    private static List<LabelledClip> clips(List<Integer> codes) {
        List<LabelledClip> l = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            int c = codes.get(i);
            String corpus = "c" + (c / 60);
            String speaker = "s" + ((c / 6) % 10);
            l.add(new LabelledClip(Path.of(corpus, speaker, i + ".wav"), Emotion.values()[c % 6], speaker, corpus, ""));
        }
        return l;
    }

    @Property(tries = 200)
    void foldsPartitionTheClipsBySpeakerAndSpreadEachCorpus(@ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 179) Integer> codes,
            @ForAll @IntRange(min = 2, max = 7) int k, @ForAll long seed) {
        List<LabelledClip> clips = clips(codes);
        long speakers = clips.stream().map(LabelledClip::speakerKey).distinct().count();
        Assume.that(speakers >= k);
        List<List<LabelledClip>> folds = Splits.speakerFolds(clips, k, seed);
        assertEquals(k, folds.size());
        Map<String, Integer> foldOfSpeaker = new HashMap<>();
        int total = 0;
        for (int f = 0; f < k; f++) {
            assertFalse(folds.get(f).isEmpty(), "fold " + f + " is empty");
            total += folds.get(f).size();
            for (LabelledClip c : folds.get(f)) {
                Integer before = foldOfSpeaker.put(c.speakerKey(), f);
                assertTrue(before == null || before == f, c.speakerKey() + " is in two folds");
            }
            // input order kept
            List<Integer> idx = folds.get(f).stream().map(clips::indexOf).toList();
            assertEquals(idx.stream().sorted().toList(), idx);
        }
        assertEquals(clips.size(), total);
        Set<LabelledClip> all = new HashSet<>();
        folds.forEach(all::addAll);
        assertEquals(new HashSet<>(clips), all);
        // every corpus's speakers are spread: fold counts differ by at most one
        Map<String, int[]> perCorpus = new HashMap<>();
        foldOfSpeaker.forEach((s, f) -> perCorpus.computeIfAbsent(s.substring(0, s.indexOf(':')), x -> new int[k])[f]++);
        for (int[] counts : perCorpus.values()) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int n : counts) {
                min = Math.min(min, n);
                max = Math.max(max, n);
            }
            assertTrue(max - min <= 1, java.util.Arrays.toString(counts));
        }
        assertEquals(folds, Splits.speakerFolds(clips, k, seed), "deterministic for a seed");
    }

    @Test
    void theSeedChangesWhichSpeakersShareAFold() {
        List<Integer> codes = new ArrayList<>();
        for (int c = 0; c < 60; c += 6) {
            codes.add(c);
        }
        List<LabelledClip> clips = clips(codes);
        Set<List<List<LabelledClip>>> seen = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            seen.add(Splits.speakerFolds(clips, 5, seed));
        }
        assertTrue(seen.size() > 1);
    }

    @Test
    void tooFewSpeakersOrFoldsAreRefused() {
        List<LabelledClip> clips = clips(List.of(0, 6, 12));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.speakerFolds(clips, 4, 1));
        assertTrue(e.getMessage().contains("4 folds need at least 4 speakers"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.speakerFolds(clips, 1, 1));
        assertEquals(3, Splits.speakerFolds(clips, 3, 1).size());
    }
}
