package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The relaunched JVM's stderr loses the JDK's incubator warning and nothing else. */
class IncubatorWarningFilterTest {
    private static byte[] filter(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Ser4jCli.copyWithoutIncubatorWarning(new ByteArrayInputStream(in), out);
        return out.toByteArray();
    }

    private static String filter(String in) {
        return new String(filter(in.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void theWarningLineIsDropped() {
        String w = Ser4jCli.INCUBATOR_WARNING;
        assertEquals("ser4j classify: x.wav: no such file\n", filter(w + "\nser4j classify: x.wav: no such file\n"));
        assertEquals("rest", filter(w + "\r\nrest"));
        assertEquals("", filter(w + "\n"));
        assertEquals("", filter(w));
    }

    @Test
    void otherLinesPassThrough() {
        assertEquals("WARNING: Using something else\n", filter("WARNING: Using something else\n"));
        assertEquals("WARN", filter("WARN"));
        assertEquals("", filter(""));
        String w = Ser4jCli.INCUBATOR_WARNING;
        assertEquals("x" + w + "\n", filter("x" + w + "\n"), "only a leading warning is dropped");
        assertEquals("a\n" + w + "\n", filter("a\n" + w + "\n"));
        String longer = w + ", jdk.incubator.other\nrest\n";
        assertEquals(longer, filter(longer), "a warning naming more modules (the user's own) is kept whole");
    }

    @Property
    void anythingNotStartingWithTheWarningIsCopiedExactly(@ForAll byte[] bytes) {
        byte[] w = Ser4jCli.INCUBATOR_WARNING.getBytes(StandardCharsets.UTF_8);
        boolean startsWithWarning = bytes.length >= w.length
                && java.util.Arrays.equals(bytes, 0, w.length, w, 0, w.length);
        if (!startsWithWarning) {
            assertArrayEquals(bytes, filter(bytes));
        }
    }

    @Property
    void theWarningThenAnythingLeavesTheRest(@ForAll byte[] rest) {
        byte[] w = (Ser4jCli.INCUBATOR_WARNING + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] in = new byte[w.length + rest.length];
        System.arraycopy(w, 0, in, 0, w.length);
        System.arraycopy(rest, 0, in, w.length, rest.length);
        assertArrayEquals(rest, filter(in));
    }
}
