package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code ser4j --version}: the build's version and commit, never an unfilled placeholder. */
class VersionProviderTest {
    @Test
    void versionLineCarriesTheBuildVersionAndCommit() {
        CliRun run = CliRun.ser4j("--version");
        assertEquals(0, run.exitCode(), run.err());
        String line = run.out().strip();
        // The Maven build filters the resource: a real version, and a 40-digit commit in a git checkout.
        assertTrue(line.matches("ser4j \\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)? \\(commit ([0-9a-f]{40}|unknown)\\)"), line);
    }

    @Test
    void unfilledOrMissingValuesAreUnknown() {
        Properties p = new Properties();
        p.setProperty("version", "${project.version}");
        p.setProperty("commit", "  ");
        assertEquals("unknown", VersionProvider.value(p, "version"));
        assertEquals("unknown", VersionProvider.value(p, "commit"));
        assertEquals("unknown", VersionProvider.value(p, "absent"));
        p.setProperty("version", " 1.2.3 ");
        assertEquals("1.2.3", VersionProvider.value(p, "version"));
    }
}
