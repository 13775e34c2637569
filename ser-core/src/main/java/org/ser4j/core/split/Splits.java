package org.ser4j.core.split;

import java.util.List;
import org.ser4j.core.corpus.LabelledClip;

/** Seeded dataset splits. (Contract stub: implementation pending.) */
public final class Splits {
    private Splits() {
    }

    /** The notebook's protocol: stratified random 70/30 train/test, then 5 % of train held out for validation. */
    public static DatasetSplit notebookRandom(List<LabelledClip> clips, long seed) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Speaker-disjoint split: whole speakers go to validation and test, stratified by corpus where possible. */
    public static DatasetSplit speakerDisjoint(List<LabelledClip> clips, double validationFraction, double testFraction, long seed) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The fixed audeering CREMA-D actor split (test, dev = validation, the rest train). */
    public static DatasetSplit cremaDActors(List<LabelledClip> clips) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
