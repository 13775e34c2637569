package org.ser4j.training.corpus;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.ser4j.core.audio.AudioFiles;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds labelled clips under corpus folders.
 *
 * <p>Every root is walked recursively (following symbolic links, ignoring link cycles); every
 * regular file whose name ends in {@code .wav} (any case) is offered to the conventions in this
 * order: {@link CremaDConvention}, {@link RavdessConvention}, {@link EmoDbConvention},
 * {@link TessConvention}, {@link SaveeConvention}, {@link FolderLabelConvention}. The first that claims the file decides: it is labelled or
 * skipped with a reason. A file no convention claims is skipped as following no known convention.
 * Other files are ignored. Files reached through several roots are reported once. Results are
 * sorted by path. Nothing is decoded.
 */
public final class CorpusScanner {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusScanner.class);

    private CorpusScanner() {
    }

    /**
     * The conventions a scan with {@code options} tries, in order.
     *
     * @param options scan options, not null; {@link ScanOptions#ravdessExtras()} configures the
     *     RAVDESS convention, {@link ScanOptions#surpriseExtras()} the TESS one
     * @return an immutable list: CREMA-D, RAVDESS, EmoDB, TESS, SAVEE, then folder-label
     * @throws NullPointerException if {@code options} is null
     */
    public static List<CorpusConvention> conventions(ScanOptions options) {
        Objects.requireNonNull(options, "options");
        return List.of(new CremaDConvention(), new RavdessConvention(options.ravdessExtras()),
                new EmoDbConvention(), new TessConvention(options.surpriseExtras()), new SaveeConvention(),
                new FolderLabelConvention());
    }

    /**
     * What the conventions of {@code options} make of one file (no file-system access): labelled,
     * or skipped with a reason naming the file.
     *
     * @param file the file; only its name and its parent folder's name are read (the {@code .wav}
     *     extension is not checked here)
     * @param options scan options, not null, e.g. {@link ScanOptions#DEFAULT}
     * @return the first convention's outcome that claims the file, or {@link ParseOutcome.Skipped}
     *     if none does; never null
     * @throws NullPointerException if {@code options} is null
     */
    public static ParseOutcome classify(Path file, ScanOptions options) {
        return classify(file, conventions(options));
    }

    private static ParseOutcome classify(Path file, List<CorpusConvention> conventions) {
        for (CorpusConvention c : conventions) {
            Optional<ParseOutcome> o = c.parse(file);
            if (o.isPresent()) {
                return o.get();
            }
        }
        return new ParseOutcome.Skipped(file.getFileName() + ": name follows no known corpus convention "
                + "(CREMA-D, RAVDESS, EmoDB, TESS, SAVEE, or a folder named after an emotion)");
    }

    /**
     * Scans every root recursively; each file is recognised by its name's convention. A root may
     * also be a single {@code .wav} file.
     *
     * @param roots corpus folders or single {@code .wav} files, at least one; a file reached through
     *     several roots is reported once (by absolute, normalised path: symbolic links not resolved)
     * @param options scan options, not null, e.g. {@link ScanOptions#DEFAULT}
     * @return the labelled clips and the skipped {@code .wav} files, each sorted by path; paths are
     *     as reached from {@code roots} (relative under a relative root)
     * @throws NullPointerException if {@code roots}, a root or {@code options} is null
     * @throws IllegalArgumentException if no roots are given
     * @throws IOException naming the root or folder, if a root does not exist, is not readable, is
     *     neither a folder nor a {@code .wav} file, holds no {@code .wav} file, or a folder under it
     *     cannot be read
     */
    public static ScanResult scan(List<Path> roots, ScanOptions options) throws IOException {
        Objects.requireNonNull(roots, "roots");
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no corpus folders given");
        }
        List<CorpusConvention> conventions = conventions(options);
        TreeMap<Path, Path> files = new TreeMap<>(); // reported path by itself, sorted
        Set<Path> seen = new HashSet<>();
        for (Path root : roots) {
            Objects.requireNonNull(root, "root");
            List<Path> found = wavFiles(root);
            if (found.isEmpty()) {
                throw new IOException(root + ": corpus folder holds no audio files (.wav, .flac, .mp3, .ogg)");
            }
            for (Path p : found) {
                if (seen.add(p.toAbsolutePath().normalize())) {
                    files.put(p, p);
                }
            }
        }
        List<LabelledClip> clips = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (Path p : files.keySet()) {
            ParseOutcome o = classify(p, conventions);
            if (o instanceof ParseOutcome.Labelled l) {
                clips.add(l.clip());
            } else {
                skipped.add(new SkippedFile(p, ((ParseOutcome.Skipped) o).reason()));
            }
        }
        LOG.info("scanned {}: {} labelled clips, {} skipped", roots, clips.size(), skipped.size());
        return new ScanResult(clips, skipped);
    }

    private static List<Path> wavFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "corpus folder does not exist");
        }
        if (!Files.isReadable(root)) {
            throw new AccessDeniedException(root.toString(), null, "corpus folder is not readable");
        }
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            if (!isWav(root)) {
                throw new FileSystemException(root.toString(), null, "neither a corpus folder nor an audio file (.wav, .flac, .mp3, .ogg)");
            }
            out.add(root);
            return out;
        }
        if (!Files.isDirectory(root)) {
            throw new FileSystemException(root.toString(), null, "not a corpus folder");
        }
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && isWav(file)) {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    LOG.warn("{}: symbolic link loop, not followed", file);
                    return FileVisitResult.CONTINUE;
                }
                throw new IOException(file + ": cannot read while scanning " + root + " (" + e.getMessage() + ")", e);
            }
        });
        return out;
    }

    /** Audio files by their name (.wav, .flac, .mp3, .ogg); the decoder is chosen later from the content. */
    private static boolean isWav(Path file) {
        return AudioFiles.hasAudioExtension(file);
    }
}
