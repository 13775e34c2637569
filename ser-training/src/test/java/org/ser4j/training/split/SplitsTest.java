package org.ser4j.training.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.LabelledClip;

class SplitsTest {

    /** CREMA-D-like clips: every actor 1001..1091 says every emotion {@code perEmotion} times. */
    static List<LabelledClip> crema(int perEmotion) {
        List<LabelledClip> l = new ArrayList<>();
        for (int a = 1001; a <= 1091; a++) {
            for (Emotion e : Emotion.values()) {
                for (int k = 0; k < perEmotion; k++) {
                    l.add(new LabelledClip(Path.of(a + "_S" + k + "_" + e.cremaCode() + "_XX.wav"), e, Integer.toString(a), "crema-d", "XX"));
                }
            }
        }
        return l;
    }

    /**
     * A corpus with unbalanced emotions in which speaker {@code s} lacks emotion {@code s % 7}
     * (so only every seventh speaker has all six): keeping every emotion in every part takes a
     * deliberate choice of speakers.
     */
    static List<LabelledClip> uneven(String corpus, int speakers, long seed) {
        java.util.Random r = new java.util.Random(seed);
        List<LabelledClip> l = new ArrayList<>();
        for (int s = 0; s < speakers; s++) {
            for (Emotion e : Emotion.values()) {
                int n = e.ordinal() == s % 7 ? 0 : 1 + r.nextInt(e.ordinal() + 1) + (e == Emotion.NEUTRAL ? 3 : 0);
                for (int k = 0; k < n; k++) {
                    l.add(new LabelledClip(Path.of(corpus, "s" + s, e + "-" + k + ".wav"), e, "s" + s, corpus, ""));
                }
            }
        }
        return l;
    }

    private static void assertPartition(List<LabelledClip> clips, DatasetSplit s) {
        assertEquals(clips.size(), s.train().size() + s.validation().size() + s.test().size());
        Set<LabelledClip> union = new HashSet<>(s.train());
        union.addAll(s.validation());
        union.addAll(s.test());
        assertEquals(new HashSet<>(clips), union);
    }

    private static Set<String> speakers(List<LabelledClip> l) {
        return l.stream().map(LabelledClip::speakerKey).collect(Collectors.toSet());
    }

    private static Map<Emotion, Integer> counts(List<LabelledClip> l) {
        Map<Emotion, Integer> m = new EnumMap<>(Emotion.class);
        for (LabelledClip c : l) {
            m.merge(c.emotion(), 1, Integer::sum);
        }
        return m;
    }

    @Test
    void notebookRandomHasTheNotebookProportionsAndIsStratified() {
        List<LabelledClip> clips = uneven("x", 30, 1);
        DatasetSplit s = Splits.notebookRandom(clips, 42);
        assertPartition(clips, s);
        int n = clips.size();
        assertEquals((int) Math.ceil(0.3 * n), s.test().size());
        int rest = n - s.test().size();
        assertEquals((int) Math.ceil(0.05 * rest), s.validation().size());
        Map<Emotion, Integer> all = counts(clips);
        Map<Emotion, Integer> test = counts(s.test());
        for (Emotion e : all.keySet()) {
            double ideal = all.get(e) * (double) s.test().size() / n;
            assertTrue(Math.abs(test.getOrDefault(e, 0) - ideal) < 1.0, e + ": " + test.get(e) + " vs " + ideal);
        }
        Map<Emotion, Integer> val = counts(s.validation());
        for (Emotion e : all.keySet()) {
            int trainAndVal = all.get(e) - test.getOrDefault(e, 0);
            double ideal = trainAndVal * (double) s.validation().size() / rest;
            assertTrue(Math.abs(val.getOrDefault(e, 0) - ideal) < 1.0, e + ": " + val.get(e) + " vs " + ideal);
        }
    }

    @Test
    void notebookRandomIsDeterministicPerSeedAndKeepsInputOrder() {
        List<LabelledClip> clips = crema(1);
        DatasetSplit a = Splits.notebookRandom(clips, 7);
        assertEquals(a, Splits.notebookRandom(clips, 7));
        assertNotEquals(a.test(), Splits.notebookRandom(clips, 8).test());
        assertInputOrder(clips, a.train());
        assertInputOrder(clips, a.test());
    }

    private static void assertInputOrder(List<LabelledClip> clips, List<LabelledClip> part) {
        int last = -1;
        for (LabelledClip c : part) {
            int i = clips.indexOf(c);
            assertTrue(i > last);
            last = i;
        }
    }

    @Test
    void speakerDisjointSeparatesSpeakersPerCorpusAndKeepsEmotions() {
        List<LabelledClip> clips = new ArrayList<>(uneven("ravdess", 18, 2));
        clips.addAll(uneven("emodb", 8, 3));
        clips.addAll(crema(2));
        DatasetSplit s = Splits.speakerDisjoint(clips, 0.1, 0.2, 5);
        assertPartition(clips, s);
        Set<String> tr = speakers(s.train());
        Set<String> va = speakers(s.validation());
        Set<String> te = speakers(s.test());
        assertTrue(disjoint(tr, va) && disjoint(tr, te) && disjoint(va, te));
        // per corpus: round(fraction * speakers) speakers held out
        assertEquals(Map.of("crema-d", 18L, "emodb", 2L, "ravdess", 4L), perCorpus(te));
        assertEquals(Map.of("crema-d", 9L, "emodb", 1L, "ravdess", 2L), perCorpus(va));
        // every emotion of every corpus is in every part
        for (String corpus : List.of("crema-d", "emodb", "ravdess")) {
            Set<Emotion> all = emotions(clips, corpus);
            assertEquals(all, emotions(s.train(), corpus), corpus);
            assertEquals(all, emotions(s.validation(), corpus), corpus);
            assertEquals(all, emotions(s.test(), corpus), corpus);
        }
        assertEquals(s, Splits.speakerDisjoint(clips, 0.1, 0.2, 5));
        assertNotEquals(s.test(), Splits.speakerDisjoint(clips, 0.1, 0.2, 6).test());
    }

    @Test
    void smallFractionsStillHoldOutOneSpeakerPerCorpus() {
        List<LabelledClip> clips = new ArrayList<>(uneven("emodb", 8, 3));
        clips.addAll(uneven("ravdess", 18, 2));
        DatasetSplit s = Splits.speakerDisjoint(clips, 0.02, 0.02, 9);
        assertEquals(Map.of("emodb", 1L, "ravdess", 1L), perCorpus(speakers(s.validation())));
        assertEquals(Map.of("emodb", 1L, "ravdess", 1L), perCorpus(speakers(s.test())));
        DatasetSplit none = Splits.speakerDisjoint(clips, 0.0, 0.3, 9);
        assertTrue(none.validation().isEmpty());
    }

    @Test
    void speakerDisjointKeepsATrainingSpeakerAndChecksFractions() {
        List<LabelledClip> two = uneven("tiny", 2, 4);
        DatasetSplit s = Splits.speakerDisjoint(two, 0.4, 0.5, 1);
        assertEquals(1, speakers(s.train()).size());
        assertEquals(1, speakers(s.validation()).size(), "validation is kept: training cannot do without it");
        assertTrue(s.test().isEmpty());
        DatasetSplit one = Splits.speakerDisjoint(uneven("solo", 1, 4), 0.1, 0.2, 1);
        assertTrue(one.validation().isEmpty() && one.test().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Splits.speakerDisjoint(two, 0.5, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.speakerDisjoint(two, -0.1, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.speakerDisjoint(two, Double.NaN, 0.5, 1));
        assertEquals(new DatasetSplit(List.of(), List.of(), List.of()), Splits.speakerDisjoint(List.of(), 0.1, 0.2, 1));
    }

    @Test
    void cremaDActorSplitIsTheAudeeringOne() {
        List<LabelledClip> clips = crema(1);
        DatasetSplit s = Splits.cremaDActors(clips);
        assertPartition(clips, s);
        assertEquals(18, speakers(s.test()).size());
        assertEquals(17, speakers(s.validation()).size());
        assertEquals(91 - 35, speakers(s.train()).size());
        assertTrue(speakers(s.test()).containsAll(Set.of("crema-d:1063", "crema-d:1076", "crema-d:1080", "crema-d:1090")));
        assertTrue(speakers(s.validation()).containsAll(Set.of("crema-d:1049", "crema-d:1053", "crema-d:1062", "crema-d:1085")));
        assertTrue(speakers(s.train()).containsAll(Set.of("crema-d:1001", "crema-d:1050", "crema-d:1081", "crema-d:1091")));
        List<LabelledClip> mixed = new ArrayList<>(clips);
        mixed.addAll(uneven("emodb", 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.cremaDActors(mixed));
        assertTrue(e.getMessage().contains("emodb"), e.getMessage());
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        Set<String> i = new HashSet<>(a);
        i.retainAll(b);
        return i.isEmpty();
    }

    private static Map<String, Long> perCorpus(Set<String> speakerKeys) {
        return speakerKeys.stream().collect(Collectors.groupingBy(k -> k.substring(0, k.indexOf(':')), Collectors.counting()));
    }

    private static Set<Emotion> emotions(List<LabelledClip> l, String corpus) {
        return l.stream().filter(c -> c.corpus().equals(corpus)).map(LabelledClip::emotion).collect(Collectors.toSet());
    }
}
