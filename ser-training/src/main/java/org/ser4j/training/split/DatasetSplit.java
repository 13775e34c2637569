package org.ser4j.training.split;

import java.util.List;
import org.ser4j.training.corpus.LabelledClip;

/**
 * A partition of labelled clips into train, validation and test parts.
 *
 * @param train clips to fit on
 * @param validation clips to choose settings and epochs on
 * @param test clips to report on, never to tune on
 */
public record DatasetSplit(List<LabelledClip> train, List<LabelledClip> validation, List<LabelledClip> test) {
    /**
     * Copies the lists.
     *
     * @param train clips to fit on; copied into an unmodifiable list, order kept
     * @param validation clips to choose settings and epochs on; copied likewise, may be empty
     * @param test clips to report on, never to tune on; copied likewise, may be empty
     * @throws NullPointerException if a list or an element of one is null
     */
    public DatasetSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }
}
