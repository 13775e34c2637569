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
 * Every Vector API kernel in ser4j uses the preferred species of its element type and no other
 * shape. On JDK 17 the Vector API's shared entry points keep one type profile for all shapes, so a
 * second float shape anywhere in the JVM (the mel kernel once used 256-bit floats beside the
 * training kernels' 512-bit ones) makes C2 box every vector of that type: training ran 10-30x
 * slower after features had been extracted in the same JVM. {@code ser4j benchmark train
 * --extract-first} measures the effect; this test keeps the cause out of the sources.
 */
class SingleVectorShapeTest {
    /** Ways of naming a shape other than the preferred one. */
    private static final Pattern OTHER_SHAPE = Pattern.compile(
            "SPECIES_(64|128|256|512|MAX)\\b|VectorSpecies\\s*\\.\\s*of\\s*\\(|VectorShape|withShape\\s*\\(|castShape\\s*\\(|reinterpretShape\\s*\\(");
    /** A species declaration and what it is set to. */
    private static final Pattern DECLARATION = Pattern.compile("VectorSpecies<\\w+>\\s+(\\w+)\\s*=\\s*([^;]+);");
    private static final Pattern PREFERRED = Pattern.compile("(Float|Double|Int|Long|Short|Byte)Vector\\.SPECIES_PREFERRED");

    @Test
    void vectorKernelsUseOnlyThePreferredSpecies() throws IOException {
        List<Path> kernels = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (String module : List.of("ser-core", "ser-features", "ser-models", "ser-training", "examples")) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertTrue(Files.isDirectory(sources), "no sources at " + sources.toAbsolutePath());
            try (Stream<Path> s = Files.walk(sources)) {
                for (Path file : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    if (!text.contains("jdk.incubator.vector")) {
                        continue;
                    }
                    kernels.add(file);
                    findings.addAll(findingsIn(file.getFileName().toString(), text));
                }
            }
        }
        assertFalse(kernels.isEmpty(), "no Vector API sources found: has the layout changed?");
        assertEquals(List.of(), findings);
    }

    @Test
    void theCheckFindsASecondShape() {
        String bad = "import jdk.incubator.vector.FloatVector;\n"
                + "class K { static final VectorSpecies<Float> F = FloatVector.SPECIES_256; }";
        assertEquals(2, findingsIn("K.java", bad).size());
        String derived = "class K { static final VectorSpecies<Float> G = VectorSpecies.of(float.class, VectorShape.forBitSize(256)); }";
        assertFalse(findingsIn("K.java", derived).isEmpty());
        String good = "class K { private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED; }";
        assertEquals(List.of(), findingsIn("K.java", good));
    }

    private static List<String> findingsIn(String name, String text) {
        List<String> findings = new ArrayList<>();
        // comments may name shapes (they explain this rule)
        String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher other = OTHER_SHAPE.matcher(code);
        while (other.find()) {
            findings.add(name + ": names another vector shape: " + other.group());
        }
        Matcher declaration = DECLARATION.matcher(code);
        while (declaration.find()) {
            if (!PREFERRED.matcher(declaration.group(2).trim()).matches()) {
                findings.add(name + ": species " + declaration.group(1) + " is not a preferred species: " + declaration.group(2).trim());
            }
        }
        return findings;
    }
}
