package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The {@code members} list of {@code ensemble.properties}: what parses, and what is refused. */
class EnsembleMembersPropertiesTest {

    @Property(tries = 200)
    void anyListOfDistinctValidNamesParsesBackInOrder(@ForAll("names") List<String> names,
            @ForAll @IntRange(min = 0, max = 3) int spaces) {
        String pad = " ".repeat(spaces);
        String list = pad + String.join(pad + "," + pad, names) + pad;
        assertEquals(names, members("members=" + list + "\n"));
    }

    @Property(tries = 200)
    void aNameOutsideTheAlphabetIsRefusedAndNamed(@ForAll("names") List<String> names,
            @ForAll("badNames") String bad, @ForAll @IntRange(min = 0, max = 5) int at) {
        List<String> withBad = new ArrayList<>(names);
        withBad.add(Math.min(at, withBad.size()), bad);
        String list = String.join(",", withBad);
        // a backslash is an escape in a properties file: write it escaped, so the value holds it
        String escaped = list.replace("\\", "\\\\");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> members("members=" + escaped + "\n"), list);
        assertTrue(e.getMessage().contains("members") && e.getMessage().contains("ensemble.properties"), e.getMessage());
    }

    @Property(tries = 100)
    void aRepeatedNameIsRefused(@ForAll("names") List<String> names, @ForAll @IntRange(min = 0, max = 5) int which) {
        List<String> twice = new ArrayList<>(names);
        twice.add(names.get(which % names.size()));
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> members("members=" + String.join(",", twice) + "\n"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Provide
    Arbitrary<List<String>> names() {
        Arbitrary<String> part = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> name = Combinators.combine(part, part.list().ofMaxSize(2))
                .as((head, tail) -> tail.isEmpty() ? head : head + "-" + String.join("-", tail));
        return name.list().ofMinSize(1).ofMaxSize(5).uniqueElements();
    }

    @Provide
    Arbitrary<String> badNames() {
        Arbitrary<String> ok = Arbitraries.strings().withChars("abc123").ofMinLength(1).ofMaxLength(4);
        Arbitrary<Character> foreign = Arbitraries.of('A', 'Z', '.', '/', '\\', '_', ' ', 'é', ':', '*');
        return Arbitraries.oneOf(
                Combinators.combine(ok, foreign, ok).as((a, c, b) -> a + c + b),
                ok.map(a -> "-" + a),
                ok.map(a -> a + "-"),
                Combinators.combine(ok, ok).as((a, b) -> a + "--" + b),
                Arbitraries.just(""),
                Arbitraries.just(".."));
    }

    /** Parses {@code properties} as a bundled {@code ensemble.properties} in a fresh directory. */
    private static List<String> members(String properties) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ser4j-members");
            Files.createDirectories(dir.resolve("m"));
            Files.writeString(dir.resolve("m").resolve("ensemble.properties"), properties, StandardCharsets.UTF_8);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
                return EmotionClassifiers.ensembleMembers(new BundledModels(loader, "m/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory left behind is not a test failure
                }
            }
        }
    }
}
