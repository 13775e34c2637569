package org.ser4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers see the old content or the new one, never a part, and failures leave nothing behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void createsParentsAndReplacesContent() throws IOException {
        Path target = dir.resolve("a/b/out.csv");
        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second, longer".getBytes(StandardCharsets.UTF_8));
        assertEquals("second, longer", Files.readString(target));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList(), "no temporary file left");
        }
    }

    @Test
    void aFailingWriterLeavesTheTargetAsItWas() throws IOException {
        Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[1000]);
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertThrows(OutOfMemoryError.class, () -> AtomicFiles.write(target, out -> {
            out.write(9);
            throw new OutOfMemoryError("simulated");
        }));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFolderIsNotReplaced() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("results.csv"));
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> AtomicFiles.write(folder, new byte[] {1}));
        assertTrue(e.getMessage().contains("results.csv") && e.getMessage().contains("folder"), e.getMessage());
        assertTrue(Files.isDirectory(folder));
        assertEquals(List.of(folder), files());
    }
}
