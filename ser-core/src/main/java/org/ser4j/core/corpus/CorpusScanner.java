package org.ser4j.core.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Finds labelled clips under corpus folders. (Contract stub: implementation pending.) */
public final class CorpusScanner {
    private CorpusScanner() {
    }

    /** Scans every root recursively; each file is recognised by its name's convention. */
    public static ScanResult scan(List<Path> roots, ScanOptions options) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
