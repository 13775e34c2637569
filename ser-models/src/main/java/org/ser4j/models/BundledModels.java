package org.ser4j.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads the models and settings bundled as class-path resources under one directory
 * ({@code org/ser4j/models/bundled/} in production): {@code NAME.onnx} with its {@code NAME.onnx.sha256},
 * {@code ensemble.properties} and {@code default.properties}. A separate class so tests can point
 * it at a temporary directory.
 *
 * <p>The production resources live in their own artifact, {@code org.ser4j:ser-models-bundled}, because
 * the trained weights carry the non-commercial terms of their training corpora (MODEL_CARD.md) while
 * this code is Apache-2.0; an application without that artifact uses {@code fromOnnx} only. The
 * directory is not the package {@code org.ser4j.models}, so the resource jar splits no package when
 * both jars are automatic modules.
 */
final class BundledModels {
    /** Resource directory of the production models. */
    static final String RESOURCE_DIR = "org/ser4j/models/bundled/";

    private final ClassLoader loader;
    private final String dir;

    BundledModels(ClassLoader loader, String dir) {
        this.loader = loader;
        this.dir = dir;
    }

    /** The production resources, loaded with ser-models' own class loader. */
    static BundledModels production() {
        return new BundledModels(BundledModels.class.getClassLoader(), RESOURCE_DIR);
    }

    /** Name of a resource, for messages. */
    String resource(String file) {
        return dir + file;
    }

    /**
     * The bytes of {@code NAME.onnx}, after checking them against {@code NAME.onnx.sha256}.
     *
     * @throws ModelLoadException if either resource is missing or unreadable, the checksum file is
     *     malformed, or the digest does not match
     */
    byte[] modelBytes(String name) {
        String model = resource(name + ".onnx");
        String shaResource = model + ".sha256";
        byte[] bytes = read(model, "bundled model resource missing from the class path: the bundled models are"
                + " in the separate artifact org.ser4j:ser-models-bundled (non-commercial terms, see MODEL_CARD.md);"
                + " add it as a dependency, or load your own model with EmotionClassifiers.fromOnnx(Path)");
        String expected = parseSha256(shaResource, new String(read(shaResource,
                "checksum resource missing from the class path; every bundled model needs one"), StandardCharsets.US_ASCII));
        String actual = sha256(bytes);
        if (!actual.equals(expected)) {
            throw new ModelLoadException(model, "SHA-256 mismatch: expected " + expected + " (from " + shaResource
                    + ") but the resource hashes to " + actual + "; the bundled model is corrupt or was replaced");
        }
        return bytes;
    }

    /** The properties resource {@code file}, or empty properties if it is absent. */
    Properties properties(String file) {
        Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(dir + file)) {
            if (in != null) {
                try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException(dir + file, "cannot read properties (" + e.getMessage() + ")", e);
        }
        return p;
    }

    private byte[] read(String resource, String missing) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException(resource, missing);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException(resource, "cannot read resource (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The digest in a checksum file: the first token of its first line, as written by
     * {@code sha256sum} ({@code "<hex>  <file>"}) or alone.
     */
    static String parseSha256(String source, String text) {
        String trimmed = text.strip();
        String token = trimmed.isEmpty() ? "" : trimmed.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (!token.matches("[0-9a-f]{64}")) {
            throw new ModelLoadException(source, "does not start with a 64-digit hex SHA-256 digest");
        }
        return token;
    }

    /** Lower-case hex SHA-256 of the bytes. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }
}
