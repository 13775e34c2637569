package org.ser4j.training.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ser4j.core.Emotion;

class ConventionsTest {

    private static LabelledClip labelled(String path, ScanOptions options) {
        ParseOutcome o = CorpusScanner.classify(Path.of(path), options);
        return assertInstanceOf(ParseOutcome.Labelled.class, o, () -> path + " -> " + o).clip();
    }

    private static String skipped(String path, ScanOptions options) {
        ParseOutcome o = CorpusScanner.classify(Path.of(path), options);
        String reason = assertInstanceOf(ParseOutcome.Skipped.class, o, () -> path + " -> " + o).reason();
        assertTrue(reason.contains(Path.of(path).getFileName().toString()), "reason must name the file: " + reason);
        return reason;
    }

    @Test
    void cremaD() {
        LabelledClip c = labelled("data/crema/1001_DFA_ANG_XX.wav", ScanOptions.DEFAULT);
        assertEquals(new LabelledClip(Path.of("data/crema/1001_DFA_ANG_XX.wav"), Emotion.ANGER, "1001", "crema-d", "XX"), c);
        assertEquals(Emotion.SAD, labelled("1091_WSI_SAD_HI.wav", ScanOptions.DEFAULT).emotion());
        assertEquals("crema-d:1076", labelled("x/1076_MTI_sad_xx.WAV", ScanOptions.DEFAULT).speakerKey());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1000_DFA_ANG_XX.wav|actor id 1000",
        "1092_DFA_ANG_XX.wav|actor id 1092",
        "01001_DFA_ANG_XX.wav|actor id",
        "99999999999999999999_DFA_ANG_XX.wav|actor id",
        "1001_ABC_ANG_XX.wav|sentence code ABC",
        "1001_DFA_CAL_XX.wav|emotion code CAL",
        "1001_DFA_ANGRY_XX.wav|emotion code ANGRY",
        "1001_DFA_ANG_XY.wav|intensity code XY"})
    void malformedCremaDIsSkipped(String name, String fragment) {
        String reason = skipped("c/" + name, ScanOptions.DEFAULT);
        assertTrue(reason.contains("CREMA-D") && reason.contains(fragment), reason);
    }

    @Test
    void ravdess() {
        LabelledClip c = labelled("Actor_12/03-01-05-02-01-01-12.wav", ScanOptions.DEFAULT);
        assertEquals(Emotion.ANGER, c.emotion());
        assertEquals("Actor_12", c.speaker());
        assertEquals("strong", c.intensity());
        assertEquals("ravdess", c.corpus());
        assertEquals(Emotion.NEUTRAL, labelled("03-01-01-01-02-02-24.wav", ScanOptions.DEFAULT).emotion());
        assertEquals("normal", labelled("03-01-01-01-02-02-24.wav", ScanOptions.DEFAULT).intensity());
        int[] codes = {1, 3, 4, 5, 6, 7};
        Emotion[] expected = {Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.ANGER, Emotion.FEAR, Emotion.DISGUST};
        for (int i = 0; i < codes.length; i++) {
            assertEquals(expected[i], labelled(String.format("03-01-%02d-01-01-01-01.wav", codes[i]), ScanOptions.DEFAULT).emotion());
        }
    }

    @Test
    void ravdessCalmAndSurprisedFollowTheOption() {
        String calm = "03-01-02-01-01-01-03.wav";
        String surprised = "03-01-08-02-01-01-03.wav";
        assertTrue(skipped(calm, ScanOptions.DEFAULT).contains("calm"));
        assertTrue(skipped(surprised, ScanOptions.DEFAULT).contains("surprised"));
        ScanOptions map = new ScanOptions(ScanOptions.RavdessExtras.CALM_AS_NEUTRAL);
        assertEquals(Emotion.NEUTRAL, labelled(calm, map).emotion());
        assertTrue(skipped(surprised, map).contains("surprised"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "03-01-09-01-01-01-01.wav|emotion code 09",
        "03-01-00-01-01-01-01.wav|emotion code 00",
        "01-01-05-01-01-01-01.wav|modality 01",
        "03-02-05-01-01-01-01.wav|song",
        "03-01-05-03-01-01-01.wav|intensity code 03",
        "03-01-01-02-01-01-01.wav|neutral clips have no strong",
        "03-01-05-01-03-01-01.wav|statement code 03",
        "03-01-05-01-01-00-01.wav|repetition code 00",
        "03-01-05-01-01-01-25.wav|actor 25",
        "03-01-05-01-01-01-00.wav|actor 00"})
    void malformedRavdessIsSkipped(String name, String fragment) {
        String reason = skipped("Actor_01/" + name, ScanOptions.DEFAULT);
        assertTrue(reason.contains("RAVDESS") && reason.contains(fragment), reason);
    }

    @Test
    void emodb() {
        LabelledClip c = labelled("emodb/03a01Fa.wav", ScanOptions.DEFAULT);
        assertEquals(new LabelledClip(Path.of("emodb/03a01Fa.wav"), Emotion.HAPPY, "03", "emodb", ""), c);
        assertEquals(Emotion.ANGER, labelled("16b10Wb.wav", ScanOptions.DEFAULT).emotion());
        assertEquals(Emotion.DISGUST, labelled("08a02Ea.wav", ScanOptions.DEFAULT).emotion());
        assertEquals(Emotion.FEAR, labelled("09b03Ad.wav", ScanOptions.DEFAULT).emotion());
        assertEquals(Emotion.SAD, labelled("10a04Tc.wav", ScanOptions.DEFAULT).emotion());
        assertEquals(Emotion.NEUTRAL, labelled("11a05Nd.wav", ScanOptions.DEFAULT).emotion());
        assertTrue(skipped("03a01La.wav", ScanOptions.DEFAULT).contains("boredom"));
        assertTrue(skipped("03a01la.wav", ScanOptions.DEFAULT).contains("boredom"));
        // names whose case a copying tool changed are the same clips
        for (String name : new String[] {"03A01FA.WAV", "03a01fa.wav", "03A01Fa.wav"}) {
            LabelledClip same = labelled(name, ScanOptions.DEFAULT);
            assertEquals(Emotion.HAPPY, same.emotion(), name);
            assertEquals("03", same.speaker(), name);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "04a01Fa.wav|speaker 04",
        "03a03Fa.wav|text id a03",
        "03a01Xa.wav|emotion letter X",
        "03a01xa.wav|emotion letter x"})
    void malformedEmoDbIsSkipped(String name, String fragment) {
        String reason = skipped(name, ScanOptions.DEFAULT);
        assertTrue(reason.contains("EmoDB") && reason.contains(fragment), reason);
    }

    @Test
    void tess() {
        LabelledClip c = labelled("tess/OAF_Fear/OAF_back_fear.wav", ScanOptions.DEFAULT);
        assertEquals(new LabelledClip(Path.of("tess/OAF_Fear/OAF_back_fear.wav"), Emotion.FEAR, "OAF", "tess", ""), c);
        // the folder's case and spelling do not matter: the file name decides
        assertEquals(Emotion.ANGER, labelled("tess/OAF_angry/OAF_bar_angry.wav", ScanOptions.DEFAULT).emotion());
        assertEquals(Emotion.SAD, labelled("tess/sad/OAF_bar_sad.wav", ScanOptions.DEFAULT).emotion());
        assertEquals("tess:YAF", labelled("YAF_disgust/yaf_germ_Disgust.WAV", ScanOptions.DEFAULT).speakerKey());
        assertTrue(skipped("YAF_pleasant_surprised/YAF_back_ps.wav", ScanOptions.DEFAULT).contains("pleasant surprise"));
        ScanOptions psHappy = new ScanOptions(ScanOptions.RavdessExtras.SKIP, ScanOptions.SurpriseExtras.PLEASANT_SURPRISE_AS_HAPPY);
        assertEquals(Emotion.HAPPY, labelled("YAF_pleasant_surprised/YAF_back_ps.wav", psHappy).emotion());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OAF_back_calm.wav|emotion word 'calm'",
        "OAF__fear.wav|target word is empty",
        "YAF_back_.wav|emotion word ''"})
    void malformedTessIsSkipped(String name, String fragment) {
        String reason = skipped("tess/" + name, ScanOptions.DEFAULT);
        assertTrue(reason.contains("TESS") && reason.contains(fragment), reason);
    }

    @Test
    void savee() {
        LabelledClip c = labelled("savee/ALL/DC_a01.wav", ScanOptions.DEFAULT);
        assertEquals(new LabelledClip(Path.of("savee/ALL/DC_a01.wav"), Emotion.ANGER, "DC", "savee", ""), c);
        assertEquals(Emotion.SAD, labelled("ALL/kl_sa15.wav", ScanOptions.DEFAULT).emotion());
        assertEquals(Emotion.NEUTRAL, labelled("ALL/JE_n30.wav", ScanOptions.DEFAULT).emotion());
        assertEquals("savee:JK", labelled("AudioData/JK/h03.wav", ScanOptions.DEFAULT).speakerKey());
        assertTrue(skipped("ALL/DC_su01.wav", ScanOptions.DEFAULT).contains("surprise"));
        assertTrue(skipped("JK/su01.wav", ScanOptions.DEFAULT).contains("surprise"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DC_x01.wav|emotion code 'x'",
        "DC_a16.wav|sentence number 16",
        "DC_n31.wav|sentence number 31",
        "DC_a00.wav|sentence number 00",
        "DC_a1.wav|sentence number 1 ",
        "KL_h001.wav|sentence number 001"})
    void malformedSaveeIsSkipped(String name, String fragment) {
        String reason = skipped("savee/" + name, ScanOptions.DEFAULT);
        assertTrue(reason.contains("SAVEE") && reason.contains(fragment), reason);
    }

    @Test
    void saveeBareNamesNeedASpeakerFolder() {
        // a01.wav outside a SAVEE speaker folder is no convention's name
        assertTrue(skipped("misc/a01.wav", ScanOptions.DEFAULT).contains("no known corpus convention"));
        assertEquals("folder", labelled("angry/a01.wav", ScanOptions.DEFAULT).corpus());
    }

    @Test
    void folderPerLabel() {
        LabelledClip c = labelled("corpus/angry/take 7.wav", ScanOptions.DEFAULT);
        assertEquals(new LabelledClip(Path.of("corpus/angry/take 7.wav"), Emotion.ANGER, "take 7", "folder", ""), c);
        assertEquals(Emotion.NEUTRAL, labelled("corpus/Neutral/a.wav", ScanOptions.DEFAULT).emotion());
        assertEquals(Emotion.FEAR, labelled("corpus/FEA/a.wav", ScanOptions.DEFAULT).emotion());
        assertEquals(Emotion.SAD, labelled("corpus/sadness/a.wav", ScanOptions.DEFAULT).emotion());
        assertTrue(skipped("corpus/calm/a.wav", ScanOptions.DEFAULT).contains("not one of the six"));
        assertTrue(skipped("corpus/Surprised/a.wav", ScanOptions.DEFAULT).contains("not one of the six"));
    }

    @Test
    void fileNamesWinOverFolders() {
        // A CREMA-D name inside a folder named after another emotion keeps the name's label.
        assertEquals(Emotion.ANGER, labelled("sad/1001_DFA_ANG_XX.wav", ScanOptions.DEFAULT).emotion());
        // A malformed convention name inside an emotion folder is skipped, never labelled by the folder.
        skipped("sad/03-01-09-01-01-01-01.wav", ScanOptions.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"misc/recording.wav", "x/1001-DFA-ANG-XX.wav", "x/03-01-05-01-01-01.wav", "x/03a01Fa1.wav"})
    void unknownNamesAreSkippedAsUnknown(String path) {
        assertTrue(skipped(path, ScanOptions.DEFAULT).contains("no known corpus convention"));
    }
}
