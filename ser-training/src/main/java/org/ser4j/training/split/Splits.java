package org.ser4j.training.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.CremaDConvention;
import org.ser4j.training.corpus.LabelledClip;

/**
 * Seeded dataset splits. Every split is a pure function of its arguments (same clips in the same
 * order and same seed give the same split on every JVM), and each part keeps the clips in their
 * input order.
 */
public final class Splits {
    /** The notebook's test fraction. */
    public static final double NOTEBOOK_TEST_FRACTION = 0.30;
    /** The notebook's validation fraction, taken from what remains for training. */
    public static final double NOTEBOOK_VALIDATION_FRACTION = 0.05;

    private static final Set<Integer> CREMA_D_TEST = Set.of(1063, 1068, 1069, 1071, 1074, 1076, 1077, 1078, 1079,
            1080, 1082, 1083, 1084, 1086, 1087, 1088, 1089, 1090);
    private static final Set<Integer> CREMA_D_DEV = Set.of(1049, 1053, 1054, 1055, 1057, 1058, 1059, 1060, 1061, 1062,
            1064, 1065, 1066, 1067, 1070, 1075, 1085);
    /** Random speaker assignments tried per corpus by {@link #speakerDisjoint}. */
    private static final int SPEAKER_TRIALS = 300;

    private Splits() {
    }

    /**
     * The notebook's protocol: stratified random 70/30 train/test, then 5 % of train held out for
     * validation.
     *
     * <p>As scikit-learn's {@code train_test_split(test_size=0.3, stratify=y)}, the test part has
     * {@code ceil(0.3 n)} clips, shared among the emotions in proportion to their counts (largest
     * remainders get the rounding); then {@code ceil(0.05 m)} of the {@code m} remaining clips go
     * to validation the same way. Clips within an emotion are chosen by a shuffle seeded with
     * {@code seed}. Speakers are ignored, so the same speaker appears in every part.
     *
     * @param clips the clips to split, no null element; may be empty (three empty parts)
     * @param seed seed of the shuffles; the same clips in the same order and the same seed give the
     *     same split
     * @return test {@code ceil(0.3 n)} clips, validation {@code ceil(0.05 m)} of the remaining
     *     {@code m}, train the rest (66 / 4 / 30 of 100 clips); each part in input order
     * @throws NullPointerException if {@code clips} or one of its elements is null
     */
    public static DatasetSplit notebookRandom(List<LabelledClip> clips, long seed) {
        checkClips(clips);
        Random random = new Random(seed);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            all.add(i);
        }
        boolean[] test = stratifiedPick(clips, all, NOTEBOOK_TEST_FRACTION, random);
        List<Integer> rest = new ArrayList<>();
        for (int i : all) {
            if (!test[i]) {
                rest.add(i);
            }
        }
        boolean[] validation = stratifiedPick(clips, rest, NOTEBOOK_VALIDATION_FRACTION, random);
        List<LabelledClip> tr = new ArrayList<>();
        List<LabelledClip> va = new ArrayList<>();
        List<LabelledClip> te = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            (test[i] ? te : validation[i] ? va : tr).add(clips.get(i));
        }
        return new DatasetSplit(tr, va, te);
    }

    /**
     * Speaker-disjoint split: whole speakers ({@link LabelledClip#speakerKey()}) go to validation
     * and test, so no speaker is in two parts.
     *
     * <p>Each corpus is split on its own, so every part gets its share of every corpus: of a
     * corpus's {@code s} speakers, {@code round(testFraction * s)} go to test and
     * {@code round(validationFraction * s)} to validation, but at least one to each part whose
     * fraction is positive; and at least one speaker always stays in train, which takes
     * precedence (a corpus of two speakers gives one to validation, none to test; a corpus of one
     * speaker stays in train). Among {@value #SPEAKER_TRIALS} seeded random assignments of speakers, the one kept is
     * the first that (1) leaves the fewest of the corpus's emotions missing from a part that has
     * speakers, then (2) comes closest to the requested clip fractions. Clips of the folder-label
     * layout count each file stem as a speaker (see
     * {@link org.ser4j.training.corpus.FolderLabelConvention}).
     *
     * @param clips the clips to split, no null element; grouped by {@link LabelledClip#corpus()}
     *     and {@link LabelledClip#speakerKey()}
     * @param validationFraction share of each corpus's speakers (and, as nearly as whole speakers
     *     allow, of its clips) for validation, in [0, 1); 0 for no validation part
     * @param testFraction share for test likewise, in [0, 1); the two fractions sum to less than 1
     * @param seed seed of the speaker assignments, mixed with each corpus id: a corpus's split does
     *     not depend on the other corpora in {@code clips}
     * @return the split, no speaker in two parts, each part in input order
     * @throws NullPointerException if {@code clips} or one of its elements is null
     * @throws IllegalArgumentException if a fraction is negative or not finite, or they sum to 1
     *     or more
     */
    public static DatasetSplit speakerDisjoint(List<LabelledClip> clips, double validationFraction, double testFraction,
            long seed) {
        checkClips(clips);
        if (!(validationFraction >= 0) || !(testFraction >= 0) || !Double.isFinite(validationFraction)
                || !Double.isFinite(testFraction) || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("need non-negative fractions summing to less than 1, got validation "
                    + validationFraction + " and test " + testFraction);
        }
        // corpus -> speaker -> clip indices, all in sorted (deterministic) order
        Map<String, Map<String, List<Integer>>> byCorpus = new TreeMap<>();
        for (int i = 0; i < clips.size(); i++) {
            LabelledClip c = clips.get(i);
            byCorpus.computeIfAbsent(c.corpus(), k -> new TreeMap<>())
                    .computeIfAbsent(c.speakerKey(), k -> new ArrayList<>()).add(i);
        }
        int[] part = new int[clips.size()]; // 0 train, 1 validation, 2 test
        for (Map.Entry<String, Map<String, List<Integer>>> corpus : byCorpus.entrySet()) {
            Random random = new Random(seed * 0x9E3779B97F4A7C15L + corpus.getKey().hashCode());
            int[] assignment = assignSpeakers(clips, new ArrayList<>(corpus.getValue().values()),
                    validationFraction, testFraction, random);
            int s = 0;
            for (List<Integer> speakerClips : corpus.getValue().values()) {
                for (int i : speakerClips) {
                    part[i] = assignment[s];
                }
                s++;
            }
        }
        List<LabelledClip> tr = new ArrayList<>();
        List<LabelledClip> va = new ArrayList<>();
        List<LabelledClip> te = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            (part[i] == 2 ? te : part[i] == 1 ? va : tr).add(clips.get(i));
        }
        return new DatasetSplit(tr, va, te);
    }

    /**
     * Speaker-grouped k-fold partition for cross-validation: every speaker
     * ({@link LabelledClip#speakerKey()}) is in exactly one fold, and each corpus's speakers are
     * spread over the folds.
     *
     * <p>Corpora are taken in sorted order; each corpus's speakers are sorted, shuffled with a
     * generator seeded by {@code seed} and the corpus id, and dealt round-robin to the folds, the
     * deal continuing where the previous corpus's ended (so that single-speaker corpora do not all
     * land in fold 0). Of a corpus's {@code s} speakers every fold therefore gets
     * {@code floor(s/k)} or {@code ceil(s/k)}, and the folds' speaker totals differ by at most 1.
     * The result is a pure function of the arguments.
     *
     * @param clips the clips, no null element
     * @param k number of folds, at least 2 and at most the number of distinct speakers
     * @param seed seed of the speaker order within each corpus
     * @return {@code k} folds, each an unmodifiable list of its clips in input order, none empty
     * @throws NullPointerException if {@code clips} or one of its elements is null
     * @throws IllegalArgumentException if {@code k < 2} or there are fewer than {@code k} speakers
     */
    public static List<List<LabelledClip>> speakerFolds(List<LabelledClip> clips, int k, long seed) {
        checkClips(clips);
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        }
        Map<String, java.util.TreeSet<String>> byCorpus = new TreeMap<>();
        for (LabelledClip c : clips) {
            byCorpus.computeIfAbsent(c.corpus(), x -> new java.util.TreeSet<>()).add(c.speakerKey());
        }
        int speakers = byCorpus.values().stream().mapToInt(Set::size).sum();
        if (speakers < k) {
            throw new IllegalArgumentException(k + " folds need at least " + k + " speakers, the clips have " + speakers);
        }
        Map<String, Integer> foldOf = new java.util.HashMap<>();
        int position = 0;
        for (Map.Entry<String, java.util.TreeSet<String>> corpus : byCorpus.entrySet()) {
            List<String> order = new ArrayList<>(corpus.getValue());
            Collections.shuffle(order, new Random(seed * 0x9E3779B97F4A7C15L + corpus.getKey().hashCode()));
            for (String speaker : order) {
                foldOf.put(speaker, position % k);
                position++;
            }
        }
        List<List<LabelledClip>> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            folds.add(new ArrayList<>());
        }
        for (LabelledClip c : clips) {
            folds.get(foldOf.get(c.speakerKey())).add(c);
        }
        List<List<LabelledClip>> out = new ArrayList<>();
        for (List<LabelledClip> f : folds) {
            out.add(List.copyOf(f));
        }
        return List.copyOf(out);
    }

    /**
     * The fixed audeering CREMA-D actor split: the {@link #cremaDTestActors() 18 test actors}, the
     * {@link #cremaDDevActors() 17 dev actors} as validation, the other 56 actors train.
     *
     * @param clips CREMA-D clips only (corpus {@value CremaDConvention#CORPUS}), no null element;
     *     speaker ids are actor numbers such as {@code "1001"}
     * @return test: clips of the test actors; validation: of the dev actors; train: all others
     *     (also actor ids outside 1001..1091); each part in input order
     * @throws NullPointerException if {@code clips} or one of its elements is null
     * @throws IllegalArgumentException if a clip is not from CREMA-D or its speaker id is not an
     *     integer (naming the clip)
     */
    public static DatasetSplit cremaDActors(List<LabelledClip> clips) {
        checkClips(clips);
        List<LabelledClip> tr = new ArrayList<>();
        List<LabelledClip> va = new ArrayList<>();
        List<LabelledClip> te = new ArrayList<>();
        for (LabelledClip c : clips) {
            if (!CremaDConvention.CORPUS.equals(c.corpus())) {
                throw new IllegalArgumentException("the CREMA-D actor split needs CREMA-D clips only, but "
                        + c.path() + " is from corpus '" + c.corpus() + "'");
            }
            int actor;
            try {
                actor = Integer.parseInt(c.speaker());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(c.path() + ": CREMA-D speaker '" + c.speaker() + "' is not an actor id", e);
            }
            (CREMA_D_TEST.contains(actor) ? te : CREMA_D_DEV.contains(actor) ? va : tr).add(c);
        }
        return new DatasetSplit(tr, va, te);
    }

    /**
     * The 18 CREMA-D test actors of the audeering split.
     *
     * @return an unmodifiable set: 1063, 1068, 1069, 1071, 1074, 1076 to 1080, 1082 to 1084 and
     *     1086 to 1090
     */
    public static Set<Integer> cremaDTestActors() {
        return CREMA_D_TEST;
    }

    /**
     * The 17 CREMA-D dev (validation) actors of the audeering split.
     *
     * @return an unmodifiable set: 1049, 1053 to 1055, 1057 to 1062, 1064 to 1067, 1070, 1075
     *     and 1085
     */
    public static Set<Integer> cremaDDevActors() {
        return CREMA_D_DEV;
    }

    // ------------------------------------------------------------------ helpers

    private static void checkClips(List<LabelledClip> clips) {
        Objects.requireNonNull(clips, "clips");
        for (LabelledClip c : clips) {
            Objects.requireNonNull(c, "clips must not contain null");
        }
    }

    /**
     * Marks {@code ceil(fraction * candidates)} of the candidates, stratified by emotion with
     * largest-remainder rounding, chosen by shuffling each emotion's candidates.
     */
    private static boolean[] stratifiedPick(List<LabelledClip> clips, List<Integer> candidates, double fraction,
            Random random) {
        boolean[] picked = new boolean[clips.size()];
        int n = candidates.size();
        if (n == 0) {
            return picked;
        }
        int total = (int) Math.ceil(fraction * n - 1e-9);
        Map<Emotion, List<Integer>> byEmotion = new EnumMap<>(Emotion.class);
        for (int i : candidates) {
            byEmotion.computeIfAbsent(clips.get(i).emotion(), k -> new ArrayList<>()).add(i);
        }
        Map<Emotion, Integer> quota = largestRemainder(byEmotion, total, n);
        for (Map.Entry<Emotion, List<Integer>> e : byEmotion.entrySet()) {
            List<Integer> idx = new ArrayList<>(e.getValue());
            Collections.shuffle(idx, random);
            for (int k = 0; k < quota.get(e.getKey()); k++) {
                picked[idx.get(k)] = true;
            }
        }
        return picked;
    }

    private static Map<Emotion, Integer> largestRemainder(Map<Emotion, List<Integer>> groups, int total, int n) {
        Map<Emotion, Integer> quota = new LinkedHashMap<>();
        Map<Emotion, Double> remainder = new EnumMap<>(Emotion.class);
        int assigned = 0;
        for (Map.Entry<Emotion, List<Integer>> e : groups.entrySet()) {
            double ideal = (double) e.getValue().size() * total / n;
            int q = (int) Math.floor(ideal);
            quota.put(e.getKey(), q);
            remainder.put(e.getKey(), ideal - q);
            assigned += q;
        }
        List<Emotion> order = new ArrayList<>(remainder.keySet());
        order.sort((a, b) -> Double.compare(remainder.get(b), remainder.get(a))); // stable: ties keep Emotion order
        for (int i = 0; assigned < total && i < order.size(); i++) {
            Emotion e = order.get(i);
            if (quota.get(e) < groups.get(e).size()) {
                quota.put(e, quota.get(e) + 1);
                assigned++;
            }
        }
        return quota;
    }

    /** Part (0 train, 1 validation, 2 test) of each speaker of one corpus. */
    private static int[] assignSpeakers(List<LabelledClip> clips, List<List<Integer>> speakers, double validationFraction,
            double testFraction, Random random) {
        int s = speakers.size();
        // A requested part gets at least one speaker of every corpus, so each part sees each corpus.
        int nTest = testFraction > 0 ? Math.max(1, (int) Math.round(testFraction * s)) : 0;
        int nVal = validationFraction > 0 ? Math.max(1, (int) Math.round(validationFraction * s)) : 0;
        while (nTest + nVal > s - 1 && nTest + nVal > 0) {
            // keep at least one training speaker; shrink the larger of the two held-out parts
            if (nTest >= nVal) {
                nTest--;
            } else {
                nVal--;
            }
        }
        int[][] emotionCounts = new int[s][Emotion.COUNT];
        int[] sizes = new int[s];
        boolean[] corpusHas = new boolean[Emotion.COUNT];
        int totalClips = 0;
        for (int k = 0; k < s; k++) {
            for (int i : speakers.get(k)) {
                emotionCounts[k][clips.get(i).emotion().ordinal()]++;
                corpusHas[clips.get(i).emotion().ordinal()] = true;
            }
            sizes[k] = speakers.get(k).size();
            totalClips += sizes[k];
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < s; k++) {
            order.add(k);
        }
        int[] best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        int trials = nTest + nVal == 0 ? 1 : SPEAKER_TRIALS;
        for (int t = 0; t < trials; t++) {
            Collections.shuffle(order, random);
            int[] assignment = new int[s];
            for (int r = 0; r < s; r++) {
                assignment[order.get(r)] = r < nTest ? 2 : r < nTest + nVal ? 1 : 0;
            }
            double score = score(assignment, emotionCounts, sizes, corpusHas, totalClips, validationFraction, testFraction);
            if (score < bestScore) {
                bestScore = score;
                best = assignment;
            }
        }
        return best;
    }

    private static double score(int[] assignment, int[][] emotionCounts, int[] sizes, boolean[] corpusHas, int totalClips,
            double validationFraction, double testFraction) {
        int[][] present = new int[3][Emotion.COUNT];
        int[] partSpeakers = new int[3];
        int[] partClips = new int[3];
        for (int k = 0; k < assignment.length; k++) {
            int p = assignment[k];
            partSpeakers[p]++;
            partClips[p] += sizes[k];
            for (int e = 0; e < Emotion.COUNT; e++) {
                present[p][e] += emotionCounts[k][e];
            }
        }
        int missing = 0;
        for (int p = 0; p < 3; p++) {
            if (partSpeakers[p] == 0) {
                continue;
            }
            for (int e = 0; e < Emotion.COUNT; e++) {
                if (corpusHas[e] && present[p][e] == 0) {
                    missing++;
                }
            }
        }
        double deviation = Math.abs(partClips[2] / (double) totalClips - testFraction)
                + Math.abs(partClips[1] / (double) totalClips - validationFraction);
        return 10.0 * missing + deviation; // deviation < 2: one missing emotion outweighs any deviation
    }
}
