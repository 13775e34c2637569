package org.ser4j.core.split;

import java.util.List;
import org.ser4j.core.corpus.LabelledClip;

/**
 * A partition of labelled clips into train, validation and test parts.
 *
 * @param train clips to fit on
 * @param validation clips to choose settings and epochs on
 * @param test clips to report on, never to tune on
 */
public record DatasetSplit(List<LabelledClip> train, List<LabelledClip> validation, List<LabelledClip> test) {
    /** Copies the lists. */
    public DatasetSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }
}
