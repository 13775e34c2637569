package org.ser4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What {@code ser4j --version} prints: the version and git commit the build wrote into
 * {@code org/ser4j/cli/version.properties} (resource filtering), {@code unknown} for either when
 * the resource is absent or was not filtered (a build outside Maven).
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
    static final String UNKNOWN = "unknown";

    /** Created by picocli. */
    public VersionProvider() {
    }

    /**
     * The version lines.
     *
     * @return one line, {@code ser4j VERSION (commit COMMIT)}
     * @throws IOException if the resource exists but cannot be read
     */
    @Override
    public String[] getVersion() throws IOException {
        Properties p = properties();
        return new String[] {"ser4j " + value(p, "version") + " (commit " + value(p, "commit") + ")"};
    }

    static Properties properties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            }
        }
        return p;
    }

    /** The property, or {@code unknown} when it is missing, blank or an unreplaced {@code ${...}}. */
    static String value(Properties p, String key) {
        String v = p.getProperty(key, "").strip();
        return v.isEmpty() || v.contains("${") ? UNKNOWN : v;
    }
}
