package org.ser4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.checks.SourceChecks;

/**
 * ser-spark follows the rules the examples module checks for the other libraries (its Spark
 * classes are on this module's test class path only): complete Javadoc on its public API, and no
 * command-line flag in the library package's messages (the application package, a command line,
 * may name its own flags).
 */
class SparkSourceChecksTest {
    private static final Path SOURCES = Path.of("src", "main", "java");

    @TempDir
    Path classes;

    @Test
    void doclintFindsNothing() throws IOException {
        List<Path> files = SourceChecks.javaFiles(SOURCES, p -> true);
        assertTrue(files.size() >= 6, "too few sources found: " + files);
        List<String> findings = SourceChecks.doclintFindings(files, classes);
        assertEquals(List.of(), findings, findings.size() + " doclint finding(s)");
    }

    @Test
    void theLibraryPackageNamesNoCommandLineFlag() throws IOException {
        Path app = SOURCES.resolve(Path.of("org", "ser4j", "spark", "app"));
        List<Path> library = SourceChecks.javaFiles(SOURCES, p -> !p.startsWith(app));
        assertTrue(library.stream().anyMatch(p -> p.endsWith("SparkEmotionClassifier.java")), library.toString());
        assertEquals(List.of(), SourceChecks.flagLiterals(library));
        // the check does look at the application, which names its flags
        assertTrue(!SourceChecks.flagLiterals(SourceChecks.javaFiles(app, p -> true)).isEmpty());
    }
}
