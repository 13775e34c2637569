package org.ser4j.features.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The alignment planner keeps the offset that measured fastest and re-measures every epoch. */
class VectorAlignmentTest {

    /** Simulated cost per unit of each offset: {@code fast} is 100 ns, the others 130 ns. */
    private static long cost(int offset, int fast) {
        return offset == fast ? 100 : 130;
    }

    private static void run(VectorAlignment planner, int calls, int fast) {
        for (int i = 0; i < calls; i++) {
            int offset = planner.offset();
            planner.record(offset, 20 * cost(offset, fast), 20);
        }
    }

    @Property(tries = 50)
    void settlesOnTheFastestOffset(@ForAll @IntRange(min = 0, max = 3) int fast) {
        VectorAlignment planner = new VectorAlignment();
        run(planner, 2 * VectorAlignment.OFFSETS, fast);
        for (int i = 2 * VectorAlignment.OFFSETS; i < VectorAlignment.EPOCH; i++) {
            assertEquals(fast, planner.offset());
            planner.record(fast, 2000, 20);
        }
    }

    @Property(tries = 50)
    void followsAMoveOfTheArray(@ForAll @IntRange(min = 0, max = 3) int before, @ForAll @IntRange(min = 0, max = 3) int after) {
        VectorAlignment planner = new VectorAlignment();
        run(planner, VectorAlignment.EPOCH, before);
        assertEquals(before, lastChoice(planner));
        // the collector moved the array: another offset is now the aligned one
        run(planner, VectorAlignment.EPOCH, after);
        assertEquals(after, lastChoice(planner));
    }

    @Test
    void callsWithoutWorkDoNotCount() {
        VectorAlignment planner = new VectorAlignment();
        for (int i = 0; i < 2 * VectorAlignment.OFFSETS; i++) {
            int offset = planner.offset();
            // offset 2 only ever sees silent clips: it must not win with an empty measurement
            planner.record(offset, offset == 2 ? 0 : 20 * cost(offset, 1), offset == 2 ? 0 : 20);
        }
        assertEquals(1, planner.offset());
    }

    private static int lastChoice(VectorAlignment planner) {
        return planner.chosen();
    }
}
