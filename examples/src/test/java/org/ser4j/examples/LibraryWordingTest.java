package org.ser4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Library modules speak in the library's terms: no string literal in their main sources names a
 * command-line flag ({@code --data}, {@code --lr}, ...). A {@link org.ser4j.core.Ser4jException}
 * names the setting instead and the CLI maps it to its flag. JVM options such as
 * {@code --add-modules} are not ser4j flags and are allowed.
 */
class LibraryWordingTest {
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\"");
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--(?!add-modules\\b|add-opens\\b)[a-z][a-z-]*");

    @Test
    void libraryMessagesNameNoCommandLineFlag() throws IOException {
        List<String> findings = new ArrayList<>();
        int files = 0;
        for (String module : List.of("ser-core", "ser-audio-codecs", "ser-features", "ser-models", "ser-training")) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertTrue(Files.isDirectory(sources), "no sources at " + sources.toAbsolutePath());
            try (Stream<Path> s = Files.walk(sources)) {
                for (Path file : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    findings.addAll(flagsIn(file.getFileName().toString(), Files.readString(file)));
                }
            }
        }
        assertTrue(files > 50, "too few sources found: has the layout changed?");
        assertEquals(List.of(), findings);
    }

    @Test
    void theCheckFindsAFlag() {
        assertFalse(flagsIn("X.java", "throw new X(\"no data directory given (use --data DIR)\");").isEmpty());
        assertEquals(List.of(), flagsIn("X.java", "LOG.warn(\"start the JVM with --add-modules jdk.incubator.vector\");"));
        assertEquals(List.of(), flagsIn("X.java", "// a comment may say --lr\nint x = a--;"));
    }

    private static List<String> flagsIn(String name, String text) {
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
