package org.ser4j.training.corpus;

import java.util.Objects;

/** What a {@link CorpusConvention} made of a file it recognised: a label, or a reason to skip it. */
public sealed interface ParseOutcome {

    /**
     * The file is a valid, labelled clip.
     *
     * @param clip the clip
     */
    record Labelled(LabelledClip clip) implements ParseOutcome {
        /**
         * Checks the argument.
         *
         * @param clip the clip, not null
         * @throws NullPointerException if {@code clip} is null
         */
        public Labelled {
            Objects.requireNonNull(clip, "clip");
        }
    }

    /**
     * The file follows the convention's shape but cannot be labelled.
     *
     * @param reason a sentence naming the file and saying what is wrong with it
     */
    record Skipped(String reason) implements ParseOutcome {
        /**
         * Checks the argument.
         *
         * @param reason a sentence naming the file and saying what is wrong with it, not null
         * @throws NullPointerException if {@code reason} is null
         */
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
