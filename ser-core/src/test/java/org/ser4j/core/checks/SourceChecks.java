package org.ser4j.core.checks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Source-tree checks a module's tests run on its own main sources.
 *
 * <ul>
 *   <li>{@link #doclintFindings}: javac's doclint ({@code all/protected}: comments,
 *       {@code @param}, {@code @return}, {@code @throws}, links, HTML) over the sources, compiled
 *       against the test's class path, so every reference resolves.</li>
 *   <li>{@link #flagLiterals}: string literals that name a command-line flag ({@code --data},
 *       {@code --lr}, ...). Library modules name the setting instead and the CLI maps it to its
 *       flag; JVM options ({@code --add-modules}, {@code --add-opens}) are not ser4j flags.</li>
 * </ul>
 */
public final class SourceChecks {
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\"");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--(?!add-modules\\b|add-opens\\b|add-exports\\b)[a-z][a-z-]*");

    private SourceChecks() {
    }

    /** The {@code .java} files under {@code root} that {@code include} accepts, sorted. */
    public static List<Path> javaFiles(Path root, Predicate<Path> include) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("no sources at " + root.toAbsolutePath());
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).filter(include).sorted().toList();
        }
    }

    /**
     * Compiles {@code files} with doclint on and returns its findings as {@code File.java:line: message}.
     *
     * @param files the sources to check, not empty
     * @param classesOut a scratch directory for the class files
     */
    public static List<String> doclintFindings(List<Path> files, Path classesOut) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no sources to check");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-Xdoclint:all/protected", "--add-modules", "jdk.incubator.vector",
                    "-proc:none", "-implicit:none", "-d", classesOut.toString(),
                    "-classpath", System.getProperty("java.class.path"));
            List<File> sources = files.stream().map(Path::toFile).toList();
            javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(sources)).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER)
                .filter(d -> !String.valueOf(d.getCode()).contains("incubating")) // expected: the Vector API module
                .map(d -> (d.getSource() == null ? "" : Path.of(d.getSource().getName()).getFileName() + ":"
                        + d.getLineNumber() + ": ") + d.getMessage(Locale.ROOT))
                .toList();
    }

    /** The string literals naming a command-line flag in each of {@code files}, as {@code File.java: "literal"}. */
    public static List<String> flagLiterals(List<Path> files) throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            findings.addAll(flagLiteralsIn(file.getFileName().toString(), Files.readString(file)));
        }
        return findings;
    }

    /** The string literals naming a command-line flag in {@code text}, comments ignored. */
    public static List<String> flagLiteralsIn(String name, String text) {
        String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
        List<String> findings = new ArrayList<>();
        Matcher literal = STRING.matcher(code);
        while (literal.find()) {
            Matcher flag = FLAG.matcher(literal.group());
            if (flag.find()) {
                findings.add(name + ": " + literal.group());
            }
        }
        return findings;
    }
}
