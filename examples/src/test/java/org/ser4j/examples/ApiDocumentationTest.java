package org.ser4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every module's public and protected API has complete Javadoc: javac's doclint ({@code all}:
 * comments, {@code @param}, {@code @return}, {@code @throws}, links, HTML) finds nothing in its
 * main sources. Runs here, in the module that depends on all the others, so that the test
 * classpath resolves every reference.
 */
class ApiDocumentationTest {
    @TempDir
    Path classes;

    @ParameterizedTest
    @ValueSource(strings = {"ser-core", "ser-audio-codecs", "ser-features", "ser-models", "ser-training", "examples"})
    void doclintFindsNothing(String module) throws IOException {
        // surefire runs in examples/, one of the reactor's modules
        Path sources = Path.of("..", module, "src", "main", "java");
        assertTrue(Files.isDirectory(sources), "no sources at " + sources.toAbsolutePath());
        List<File> files;
        try (Stream<Path> s = Files.walk(sources)) {
            files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        assertFalse(files.isEmpty());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-Xdoclint:all/protected", "--add-modules", "jdk.incubator.vector",
                    "-proc:none", "-implicit:none", "-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path"));
            javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
        }
        List<String> findings = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER)
                .filter(d -> !String.valueOf(d.getCode()).contains("incubating")) // expected: the Vector API module
                .map(d -> (d.getSource() == null ? "" : Path.of(d.getSource().getName()).getFileName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT))
                .toList();
        assertEquals(List.of(), findings, module + ": " + findings.size() + " doclint finding(s)");
    }
}
