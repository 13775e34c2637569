package org.ser4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers never see a half-written one: the content goes to a temporary
 * file in the same directory, which is then moved over the target (atomically where the file
 * system supports it). If writing fails, the temporary file is deleted and the target is untouched.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * Writes the content.
         *
         * @param out the temporary file's stream, unbuffered; closed by {@link AtomicFiles} after
         *     this returns or throws, so need not be closed here
         * @throws IOException to abort: the temporary file is deleted and the target left untouched
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code bytes} to {@code target} atomically.
     *
     * @param target the file to create or replace; missing parent folders are created
     * @param bytes the whole content, not null
     * @throws IOException if {@code target} is a folder, or a folder, the temporary file or the
     *     target cannot be written or moved; the target is then untouched
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes what {@code writer} produces to {@code target} atomically.
     *
     * @param target the file to create or replace; missing parent folders are created
     * @param writer writes the whole content to the stream it is given; called once. Whatever it
     *     throws (also unchecked exceptions and errors) propagates, with the target untouched
     * @throws IOException if {@code target} is a folder, or a folder, the temporary file or the
     *     target cannot be written or moved, or {@code writer} throws it; the target is then
     *     untouched
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            // a move would replace an empty folder silently
            throw new java.nio.file.FileSystemException(target.toString(), null, "is a folder, not a file");
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // createTempFile would make the file owner-only (0600); outputs should get the usual umask.
        Path tmp = dir.resolve("." + absolute.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                writer.writeTo(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            // Also on Errors (e.g. a missing class while serialising): never leave a stray temp file.
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
