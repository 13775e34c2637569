package org.ser4j.codecs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The generated test files (see make-fixtures.sh beside them). */
final class Fixtures {
    static final List<String> ENCODED = List.of("mono16k.flac", "mono16k.mp3", "mono16k.ogg", "stereo32k.flac",
            "stereo32k.mp3", "stereo32k.ogg");

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
