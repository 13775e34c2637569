package org.ser4j.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.ser4j.core.Emotion;

/**
 * Reads the rows a killed {@code classify-dir} run left in its partial CSV, so that
 * {@code --resume} can skip those files. RFC 4180 records (quoted fields may hold commas, quotes
 * and line breaks); only records ended by a line break count, so a row torn by the kill is
 * dropped. Parsed as bytes: UTF-8 never uses ASCII bytes inside a multi-byte character, so the
 * offset of the last complete record is exact.
 */
final class PartialCsv {
    private PartialCsv() {
    }

    /**
     * Reads the partial CSV.
     *
     * @param partial the partial CSV
     * @param header the columns its first line must hold
     * @param rows receives each complete row's {@code file} column and emotion (null for a failed file)
     * @return the byte length of its header and complete rows: appending from there continues it
     * @throws IOException if it cannot be read, its first line is not {@code header}, or a
     *     complete row does not have the header's columns (it is then not a partial CSV of this
     *     command, and is left as it is)
     */
    static long read(Path partial, List<String> header, BiConsumer<String, Emotion> rows) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(partial), 1 << 16)) {
            List<String> fields = new ArrayList<>();
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            boolean quoted = false;
            boolean afterQuote = false;
            long offset = 0;
            long complete = 0;
            long record = 0;
            int b;
            while ((b = in.read()) >= 0) {
                offset++;
                if (quoted) {
                    if (b == '"') {
                        quoted = false;
                        afterQuote = true;
                    } else {
                        field.write(b);
                    }
                    continue;
                }
                if (b == '"') {
                    if (afterQuote) {
                        field.write('"'); // a doubled quote inside a quoted field
                    }
                    quoted = true;
                    afterQuote = false;
                    continue;
                }
                afterQuote = false;
                if (b == ',') {
                    fields.add(field.toString(StandardCharsets.UTF_8));
                    field.reset();
                } else if (b == '\n') {
                    fields.add(field.toString(StandardCharsets.UTF_8).replaceAll("\r$", ""));
                    field.reset();
                    if (record == 0) {
                        if (!fields.equals(header)) {
                            throw new IOException("its first line is not the classify-dir header " + String.join(",", header));
                        }
                    } else {
                        if (fields.size() != header.size()) {
                            throw new IOException("row " + record + " has " + fields.size() + " columns, expected " + header.size());
                        }
                        String label = fields.get(1);
                        Emotion emotion = label.isEmpty() ? null : Emotion.fromLabel(label).orElse(null);
                        if (emotion == null && !label.isEmpty()) {
                            throw new IOException("row " + record + " has an unknown emotion " + label);
                        }
                        rows.accept(fields.get(0), emotion);
                    }
                    record++;
                    complete = offset;
                    fields.clear();
                } else {
                    field.write(b);
                }
            }
            if (record == 0) {
                return 0; // not even a whole header: start afresh
            }
            return complete;
        }
    }
}
