package org.ser4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The POMs keep what publishing needs: the BOM names every library module at the parent's
 * version (it has no parent of its own, so nothing else keeps them in step), and the parent
 * carries the metadata Maven Central requires.
 */
class ReleaseMetadataTest {
    // surefire runs in examples/, one of the reactor's modules
    private static final Path ROOT = Path.of("..");
    /** Reactor modules that are not published libraries. */
    private static final List<String> NOT_LIBRARIES = List.of("ser4j-bom", "examples");

    @Test
    void bomListsEveryLibraryModuleAtTheParentsVersion() throws Exception {
        Element parent = pom(ROOT.resolve("pom.xml"));
        Element bom = pom(ROOT.resolve("ser4j-bom/pom.xml"));
        assertEquals(text(parent, "version"), text(bom, "version"), "ser4j-bom's version must follow ser4j-parent's");
        assertEquals("pom", text(bom, "packaging"));
        assertTrue(children(bom, "parent").isEmpty(), "ser4j-bom must not inherit ser4j-parent's third-party versions");

        TreeSet<String> libraries = new TreeSet<>();
        for (Element m : children(children(parent, "modules").get(0), "module")) {
            String module = m.getTextContent().strip();
            if (!NOT_LIBRARIES.contains(module)) {
                libraries.add(text(pom(ROOT.resolve(module).resolve("pom.xml")), "artifactId"));
            }
        }
        TreeSet<String> managed = new TreeSet<>();
        Element management = children(children(bom, "dependencyManagement").get(0), "dependencies").get(0);
        for (Element d : children(management, "dependency")) {
            assertEquals("org.ser4j", text(d, "groupId"));
            assertEquals("${project.version}", text(d, "version"));
            managed.add(text(d, "artifactId"));
        }
        assertFalse(libraries.isEmpty());
        assertEquals(libraries, managed, "ser4j-bom's dependencyManagement against the reactor's library modules");
    }

    @Test
    void parentCarriesCentralMetadataAndAFixedBuildTime() throws Exception {
        for (Path file : List.of(ROOT.resolve("pom.xml"), ROOT.resolve("ser4j-bom/pom.xml"))) {
            Element pom = pom(file);
            for (String required : List.of("name", "description", "url")) {
                assertFalse(text(pom, required).isBlank(), file + ": <" + required + ">");
            }
            assertEquals("Apache-2.0", text(children(children(pom, "licenses").get(0), "license").get(0), "name"), file.toString());
            assertFalse(text(children(pom, "scm").get(0), "connection").isBlank(), file + ": <scm>");
            assertFalse(children(children(pom, "developers").get(0), "developer").isEmpty(), file + ": <developers>");
            assertFalse(text(children(pom, "issueManagement").get(0), "url").isBlank(), file + ": <issueManagement>");
            String timestamp = text(children(pom, "properties").get(0), "project.build.outputTimestamp");
            assertTrue(timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), file + ": outputTimestamp " + timestamp);
        }
        assertTrue(Files.isRegularFile(ROOT.resolve("LICENSE")) && Files.isRegularFile(ROOT.resolve("NOTICE")));
    }

    private static Element pom(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(file.toFile());
        return d.getDocumentElement();
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element c && c.getTagName().equals(name)) {
                out.add(c);
            }
        }
        return out;
    }

    private static String text(Element e, String name) {
        List<Element> c = children(e, name);
        assertEquals(1, c.size(), "<" + name + "> under <" + e.getTagName() + ">");
        return c.get(0).getTextContent().strip();
    }
}
