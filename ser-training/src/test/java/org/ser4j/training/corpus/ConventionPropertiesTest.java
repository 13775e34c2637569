package org.ser4j.training.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.ser4j.core.Emotion;

class ConventionPropertiesTest {

    private static final ScanOptions[] OPTIONS = {ScanOptions.DEFAULT, new ScanOptions(ScanOptions.RavdessExtras.CALM_AS_NEUTRAL),
        new ScanOptions(ScanOptions.RavdessExtras.SKIP, ScanOptions.SurpriseExtras.PLEASANT_SURPRISE_AS_HAPPY)};

    // ---------------------------------------------------------------- round trips of valid names

    @Property(tries = 300)
    void validCremaDNamesParseBackToTheirFields(@ForAll @IntRange(min = 1001, max = 1091) int actor,
            @ForAll("cremaSentence") String sentence, @ForAll Emotion emotion, @ForAll("cremaIntensity") String intensity) {
        Path p = Path.of("crema", CremaDConvention.fileName(actor, sentence, emotion, intensity));
        LabelledClip c = assertInstanceOf(ParseOutcome.Labelled.class, new CremaDConvention().parse(p).orElseThrow()).clip();
        assertEquals(new LabelledClip(p, emotion, Integer.toString(actor), "crema-d", intensity), c);
    }

    @Property(tries = 300)
    void cremaDFileNameRefusesFieldsParseWouldSkip(@ForAll @IntRange(min = 0, max = 3000) int actor,
            @ForAll("sentenceOrJunk") String sentence, @ForAll Emotion emotion, @ForAll("intensityOrJunk") String intensity) {
        boolean valid = actor >= 1001 && actor <= 1091 && CremaDConvention.SENTENCES.contains(sentence)
                && CremaDConvention.INTENSITIES.contains(intensity);
        if (valid) {
            String name = CremaDConvention.fileName(actor, sentence, emotion, intensity);
            assertInstanceOf(ParseOutcome.Labelled.class, new CremaDConvention().parse(Path.of(name)).orElseThrow());
        } else {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> CremaDConvention.fileName(actor, sentence, emotion, intensity));
        }
    }

    @Property(tries = 300)
    void validRavdessNamesParseBackToTheirFields(@ForAll Emotion emotion, @ForAll @IntRange(min = 1, max = 2) int intensity,
            @ForAll @IntRange(min = 1, max = 2) int statement, @ForAll @IntRange(min = 1, max = 2) int repetition,
            @ForAll @IntRange(min = 1, max = 24) int actor) {
        Assume.that(emotion != Emotion.NEUTRAL || intensity == 1);
        String name = String.format("03-01-%02d-%02d-%02d-%02d-%02d.wav",
                RavdessConvention.emotionCode(emotion), intensity, statement, repetition, actor);
        Path p = Path.of(String.format("Actor_%02d", actor), name);
        for (ScanOptions o : OPTIONS) {
            LabelledClip c = assertInstanceOf(ParseOutcome.Labelled.class, CorpusScanner.classify(p, o)).clip();
            assertEquals(new LabelledClip(p, emotion, String.format("Actor_%02d", actor), "ravdess",
                    intensity == 1 ? "normal" : "strong"), c);
        }
    }

    @Property(tries = 300)
    void validEmoDbNamesParseBackToTheirFields(@ForAll("emodbSpeaker") String speaker, @ForAll("emodbText") String text,
            @ForAll Emotion emotion, @ForAll @net.jqwik.api.constraints.CharRange(from = 'a', to = 'z') char version) {
        Path p = Path.of(speaker + text + EmoDbConvention.letter(emotion) + version + ".wav");
        LabelledClip c = assertInstanceOf(ParseOutcome.Labelled.class, CorpusScanner.classify(p, ScanOptions.DEFAULT)).clip();
        assertEquals(new LabelledClip(p, emotion, speaker, "emodb", ""), c);
    }

    @Property(tries = 300)
    void validTessNamesParseBackToTheirFields(@ForAll("tessSpeaker") String speaker,
            @ForAll("letters") String word, @ForAll Emotion emotion, @ForAll boolean folderCase) {
        String folder = speaker + "_" + (folderCase ? TessConvention.word(emotion).toUpperCase() : TessConvention.word(emotion));
        Path p = Path.of(folder, TessConvention.fileName(speaker, word, emotion));
        for (ScanOptions o : OPTIONS) {
            LabelledClip c = assertInstanceOf(ParseOutcome.Labelled.class, CorpusScanner.classify(p, o)).clip();
            assertEquals(new LabelledClip(p, emotion, speaker.toUpperCase(), "tess", ""), c);
        }
    }

    @Property(tries = 100)
    void tessPleasantSurpriseIsSkippedOrHappyByOption(@ForAll("tessSpeaker") String speaker, @ForAll("letters") String word) {
        Path p = Path.of(speaker + "_pleasant_surprised", speaker + "_" + word + "_ps.wav");
        assertInstanceOf(ParseOutcome.Skipped.class, CorpusScanner.classify(p, ScanOptions.DEFAULT));
        LabelledClip c = assertInstanceOf(ParseOutcome.Labelled.class, CorpusScanner.classify(p,
                new ScanOptions(ScanOptions.RavdessExtras.SKIP, ScanOptions.SurpriseExtras.PLEASANT_SURPRISE_AS_HAPPY))).clip();
        assertEquals(Emotion.HAPPY, c.emotion());
    }

    @Property(tries = 300)
    void validSaveeNamesParseBackToTheirFields(@ForAll("saveeSpeaker") String speaker, @ForAll Emotion emotion,
            @ForAll @IntRange(min = 1, max = 30) int sentence, @ForAll boolean bareLayout) {
        Assume.that(sentence <= (emotion == Emotion.NEUTRAL ? 30 : 15));
        String name = SaveeConvention.fileName(speaker, emotion, sentence);
        Path p = bareLayout ? Path.of("AudioData", speaker, name.substring(3)) : Path.of("ALL", name);
        for (ScanOptions o : OPTIONS) {
            LabelledClip c = assertInstanceOf(ParseOutcome.Labelled.class, CorpusScanner.classify(p, o)).clip();
            assertEquals(new LabelledClip(p, emotion, speaker, "savee", ""), c);
        }
    }

    @Property(tries = 300)
    void saveeFileNameRefusesFieldsParseWouldSkip(@ForAll("saveeSpeakerOrJunk") String speaker, @ForAll Emotion emotion,
            @ForAll @IntRange(min = -2, max = 40) int sentence) {
        boolean valid = SaveeConvention.SPEAKERS.contains(speaker) && sentence >= 1
                && sentence <= (emotion == Emotion.NEUTRAL ? 30 : 15);
        if (valid) {
            assertInstanceOf(ParseOutcome.Labelled.class,
                    new SaveeConvention().parse(Path.of(SaveeConvention.fileName(speaker, emotion, sentence))).orElseThrow());
        } else {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> SaveeConvention.fileName(speaker, emotion, sentence));
        }
    }

    /** SAVEE surprise is skipped under every option. */
    @Property(tries = 100)
    void saveeSurpriseIsNeverLabelled(@ForAll("saveeSpeaker") String speaker, @ForAll @IntRange(min = 1, max = 15) int sentence) {
        assertNotLabelled(String.format("ALL/%s_su%02d.wav", speaker, sentence));
        assertNotLabelled(String.format("%s/su%02d.wav", speaker, sentence));
    }

    // ---------------------------------------------------------------- invalid names never labelled

    /** A valid CREMA-D name with one field replaced by an invalid value is never labelled. */
    @Property(tries = 300)
    void invalidCremaDNamesAreNeverLabelled(@ForAll @IntRange(min = 0, max = 3) int field, @ForAll("junk") String junk) {
        String[] f = {"1001", "DFA", "ANG", "XX"};
        Assume.that(!isValidCremaField(field, junk));
        f[field] = junk;
        assertNotLabelled(String.join("_", f) + ".wav");
    }

    /** A valid RAVDESS name with one field replaced by an invalid two-digit value is never labelled. */
    @Property(tries = 300)
    void invalidRavdessNamesAreNeverLabelled(@ForAll @IntRange(min = 0, max = 6) int field, @ForAll @IntRange(min = 0, max = 99) int value) {
        int[] valid = {3, 1, 5, 2, 1, 2, 7};
        int[][] allowed = {{3}, {1}, {1, 3, 4, 5, 6, 7}, {1, 2}, {1, 2}, {1, 2}, range(1, 24)};
        Assume.that(!contains(allowed[field], value));
        valid[field] = value;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < valid.length; i++) {
            sb.append(i == 0 ? "" : "-").append(String.format("%02d", valid[i]));
        }
        if (field == 2 && value == 2) {
            // calm: labelled neutral under CALM_AS_NEUTRAL by design, so only the default must skip it
            assertFalse(CorpusScanner.classify(Path.of(sb + ".wav"), ScanOptions.DEFAULT) instanceof ParseOutcome.Labelled);
            return;
        }
        assertNotLabelled("Actor_07/" + sb + ".wav");
    }

    /** A valid EmoDB name with one character replaced so that it is no longer valid is never labelled. */
    @Property(tries = 300)
    void invalidEmoDbNamesAreNeverLabelled(@ForAll @IntRange(min = 0, max = 6) int position, @ForAll char c) {
        char[] name = "03a01Wa".toCharArray();
        Assume.that(c != 0 && c != '/');
        name[position] = c;
        String s = new String(name);
        Assume.that(!isValidEmoDb(s));
        assertNotLabelled(s + ".wav");
    }

    /**
     * Whatever the file name, a label is only given when an independent check finds the name
     * valid for the convention that labelled it, and the label is the one the name encodes.
     */
    @Property(tries = 1000)
    void labelsOnlyComeFromValidNames(@ForAll("nameLike") String stem) {
        Path p = Path.of("misc", stem + ".wav");
        ParseOutcome o = CorpusScanner.classify(p, ScanOptions.DEFAULT);
        if (o instanceof ParseOutcome.Labelled l) {
            LabelledClip c = l.clip();
            switch (c.corpus()) {
                case "crema-d" -> {
                    String[] f = stem.split("_", -1);
                    assertEquals(4, f.length, stem);
                    for (int i = 0; i < 4; i++) {
                        assertTrue(isValidCremaField(i, f[i]), stem);
                    }
                    assertEquals(c.emotion().cremaCode(), f[2].toUpperCase());
                }
                case "ravdess" -> {
                    assertTrue(stem.matches("03-01-0[1345678]-0[12]-0[12]-0[12]-(0[1-9]|1\\d|2[0-4])"), stem);
                    assertEquals(RavdessConvention.emotionCode(c.emotion()), Integer.parseInt(stem.substring(6, 8)));
                }
                case "emodb" -> {
                    assertTrue(isValidEmoDb(stem), stem);
                    assertEquals(EmoDbConvention.letter(c.emotion()), Character.toUpperCase(stem.charAt(5)));
                }
                case "tess" -> {
                    String[] f = stem.split("_", -1);
                    assertEquals(3, f.length, stem);
                    assertTrue(TessConvention.SPEAKERS.contains(f[0].toUpperCase()) && f[1].matches("[A-Za-z]+"), stem);
                    assertEquals(TessConvention.word(c.emotion()), f[2].toLowerCase());
                }
                case "savee" -> {
                    assertTrue(stem.matches("(?i)(DC|JE|JK|KL)_(a|d|f|h|n|sa)\\d\\d"), stem);
                    assertEquals(SaveeConvention.code(c.emotion()), stem.substring(3, stem.length() - 2).toLowerCase());
                    int number = Integer.parseInt(stem.substring(stem.length() - 2));
                    assertTrue(number >= 1 && number <= (c.emotion() == Emotion.NEUTRAL ? 30 : 15), stem);
                }
                default -> throw new AssertionError("labelled " + stem + " as " + c);
            }
        }
    }

    private static void assertNotLabelled(String path) {
        for (ScanOptions o : OPTIONS) {
            ParseOutcome out = CorpusScanner.classify(Path.of(path), o);
            assertFalse(out instanceof ParseOutcome.Labelled, path + " was labelled: " + out);
        }
    }

    private static boolean isValidCremaField(int field, String v) {
        String u = v.toUpperCase();
        return switch (field) {
            case 0 -> v.matches("\\d{4}") && Integer.parseInt(v) >= 1001 && Integer.parseInt(v) <= 1091;
            case 1 -> CremaDConvention.SENTENCES.contains(u);
            case 2 -> Emotion.fromCremaCode(u).isPresent() && u.length() == 3;
            default -> CremaDConvention.INTENSITIES.contains(u);
        };
    }

    private static boolean isValidEmoDb(String s) {
        // letter case is ignored: the fields are positional
        char version = Character.toLowerCase(s.charAt(6));
        return EmoDbConvention.SPEAKERS.contains(s.substring(0, 2))
                && EmoDbConvention.TEXTS.contains(s.substring(2, 5).toLowerCase(java.util.Locale.ROOT))
                && EmoDbConvention.emotion(Character.toUpperCase(s.charAt(5))) != null && version >= 'a' && version <= 'z';
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<String> cremaSentence() {
        return Arbitraries.of(new ArrayList<>(CremaDConvention.SENTENCES));
    }

    @Provide
    Arbitrary<String> cremaIntensity() {
        return Arbitraries.of(new ArrayList<>(CremaDConvention.INTENSITIES));
    }

    @Provide
    Arbitrary<String> emodbSpeaker() {
        return Arbitraries.of(new ArrayList<>(EmoDbConvention.SPEAKERS));
    }

    @Provide
    Arbitrary<String> emodbText() {
        return Arbitraries.of(new ArrayList<>(EmoDbConvention.TEXTS));
    }

    @Provide
    Arbitrary<String> tessSpeaker() {
        return Arbitraries.of("OAF", "YAF", "oaf", "Yaf");
    }

    @Provide
    Arbitrary<String> letters() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> saveeSpeaker() {
        return Arbitraries.of(new ArrayList<>(SaveeConvention.SPEAKERS));
    }

    @Provide
    Arbitrary<String> saveeSpeakerOrJunk() {
        return Arbitraries.oneOf(saveeSpeaker(), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3));
    }

    @Provide
    Arbitrary<String> sentenceOrJunk() {
        return Arbitraries.oneOf(cremaSentence(), junk());
    }

    @Provide
    Arbitrary<String> intensityOrJunk() {
        return Arbitraries.oneOf(cremaIntensity(), junk());
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5));
    }

    /** Strings built from the pieces the conventions look for, so that many come close to valid. */
    @Provide
    Arbitrary<String> nameLike() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("1001", "1091", "1092", "03", "01", "05", "08", "09", "a01", "DFA", "ANG", "NEU", "XX", "HI",
                        "W", "L", "a", "b", "Fa", "La", "_", "-", "OAF", "yaf", "_fear", "_ps", "angry", "DC_", "kl_", "sa", "su",
                        "n", "30", "16"),
                Arbitraries.strings().withChars("0123456789-_aAbWFLNTEX").ofMinLength(1).ofMaxLength(3));
        return piece.list().ofMinSize(1).ofMaxSize(13).map(l -> String.join("", l));
    }
}
