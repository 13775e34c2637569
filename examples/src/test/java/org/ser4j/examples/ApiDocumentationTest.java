package org.ser4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ser4j.core.checks.SourceChecks;

/**
 * Every module's public and protected API has complete Javadoc: javac's doclint ({@code all}:
 * comments, {@code @param}, {@code @return}, {@code @throws}, links, HTML) finds nothing in its
 * main sources. Runs here, in the module that depends on all the others, so that the test
 * classpath resolves every reference (ser-spark, whose Spark classes are not on this class path,
 * runs the same check in its own tests).
 */
class ApiDocumentationTest {
    @TempDir
    Path classes;

    @ParameterizedTest
    @ValueSource(strings = {"ser-core", "ser-audio-codecs", "ser-features", "ser-models", "ser-training", "examples"})
    void doclintFindsNothing(String module) throws IOException {
        // surefire runs in examples/, one of the reactor's modules
        List<Path> files = SourceChecks.javaFiles(Path.of("..", module, "src", "main", "java"), p -> true);
        List<String> findings = SourceChecks.doclintFindings(files, classes);
        assertEquals(List.of(), findings, module + ": " + findings.size() + " doclint finding(s)");
    }
}
