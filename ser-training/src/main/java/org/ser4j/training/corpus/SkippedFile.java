package org.ser4j.training.corpus;

import java.nio.file.Path;

/**
 * A file a scan passed over, and why (for example "RAVDESS emotion 08 (surprised) is not one of
 * the six emotions" or "name does not follow any known corpus convention").
 *
 * @param path the file
 * @param reason a sentence saying why it was skipped
 */
public record SkippedFile(Path path, String reason) {
}
