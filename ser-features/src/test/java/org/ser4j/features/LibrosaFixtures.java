package org.ser4j.features;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates and reads the librosa golden outputs in {@code shared/fixtures/librosa}, found by walking
 * up from the working directory (the module or the repository root). Tests using it are skipped
 * when the fixtures are absent.
 */
public final class LibrosaFixtures {
    private LibrosaFixtures() {
    }

    /**
     * The fixture directory: {@code $SER4J_SHARED/fixtures/librosa} when that environment variable
     * names the shared folder, else the first {@code shared/fixtures/librosa} above the working
     * directory.
     */
    public static Optional<Path> find() {
        String shared = System.getenv("SER4J_SHARED");
        if (shared != null && !shared.isBlank()) {
            Path candidate = Paths.get(shared, "fixtures", "librosa");
            if (Files.isDirectory(candidate.resolve("inputs")) && Files.isDirectory(candidate.resolve("expected"))) {
                return Optional.of(candidate);
            }
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("librosa");
            if (Files.isDirectory(candidate.resolve("inputs")) && Files.isDirectory(candidate.resolve("expected"))) {
                return Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** The fixture directory, or the calling test is skipped. */
    public static Path require() {
        Optional<Path> dir = find();
        Assumptions.assumeTrue(dir.isPresent(), "librosa fixtures (shared/fixtures/librosa) not found above the working directory");
        return dir.get();
    }

    /** Names (file name without .wav) of every input fixture, sorted. */
    public static List<String> names(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("inputs"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wav")).sorted()
                    .forEach(n -> names.add(n.substring(0, n.length() - 4)));
        }
        return names;
    }

    /** Reads a 16-bit PCM mono fixture as librosa does (int16 / 32768). */
    public static float[] readPcm16(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || f.getSampleSizeInBits() != 16 || f.getChannels() != 1
                    || f.isBigEndian()) {
                throw new IOException(wav + ": fixture is not 16-bit little-endian mono PCM: " + f);
            }
            byte[] bytes = readAll(in);
            float[] out = new float[bytes.length / 2];
            for (int i = 0; i < out.length; i++) {
                short s = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
                out[i] = s / 32768f;
            }
            return out;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + ": not a WAV file", e);
        }
    }

    /** Sample rate of a fixture WAV. */
    public static int sampleRate(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            return Math.round(in.getFormat().getSampleRate());
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + ": not a WAV file", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /** Reads a fixture CSV: rows of comma-separated numbers. */
    public static double[][] readCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i].trim());
            }
            rows.add(row);
        }
        return rows.toArray(new double[0][]);
    }
}
