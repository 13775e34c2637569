package org.ser4j.training.explore;

import java.util.Objects;

/**
 * One file flagged by one quality check.
 *
 * @param check the check
 * @param path the file, as the scan found it
 * @param detail what was measured, e.g. {@code "peak -41.2 dBFS, RMS -63.0 dBFS"}, or why decoding failed
 */
public record QualityFinding(QualityCheck check, String path, String detail) {
    /**
     * Checks the arguments.
     *
     * @param check the check that flagged the file; not null
     * @param path the file, as the scan found it; not null
     * @param detail what was measured, or why decoding failed; not null
     * @throws NullPointerException if an argument is null
     */
    public QualityFinding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
    }
}
