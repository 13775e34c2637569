package org.ser4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.core.checks.SourceChecks;

/**
 * Library modules speak in the library's terms: no string literal in their main sources names a
 * command-line flag ({@code --data}, {@code --lr}, ...). A {@link org.ser4j.core.Ser4jException}
 * names the setting instead and the CLI maps it to its flag. JVM options such as
 * {@code --add-modules} are not ser4j flags and are allowed. (ser-spark checks its library
 * package in its own tests.)
 */
class LibraryWordingTest {
    @Test
    void libraryMessagesNameNoCommandLineFlag() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : List.of("ser-core", "ser-audio-codecs", "ser-features", "ser-models", "ser-training")) {
            files.addAll(SourceChecks.javaFiles(Path.of("..", module, "src", "main", "java"), p -> true));
        }
        assertTrue(files.size() > 50, "too few sources found: has the layout changed?");
        assertEquals(List.of(), SourceChecks.flagLiterals(files));
    }

    @Test
    void theCheckFindsAFlag() {
        assertFalse(SourceChecks.flagLiteralsIn("X.java", "throw new X(\"no data directory given (use --data DIR)\");").isEmpty());
        assertEquals(List.of(), SourceChecks.flagLiteralsIn("X.java", "LOG.warn(\"start the JVM with --add-modules jdk.incubator.vector\");"));
        assertEquals(List.of(), SourceChecks.flagLiteralsIn("X.java", "// a comment may say --lr\nint x = a--;"));
    }
}
