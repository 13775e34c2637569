package org.ser4j.features;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Writes feature matrices as CSV in the layout of the librosa fixtures
 * ({@code shared/fixtures/librosa/expected}): one line per row, values separated by commas, each
 * float32 value printed as Python prints {@code float(np.float32(v))} (the shortest decimal that
 * reads back to the same double, e.g. {@code 0.2495955526828766}, {@code -80.0},
 * {@code 8.055623084146646e-07}), and a newline after every row.
 */
public final class FeatureCsv {
    private FeatureCsv() {
    }

    /**
     * Writes {@code rows x cols} values stored row-major.
     *
     * @param values {@code rows * cols} values, row-major
     * @param rows number of rows, {@code >= 1}
     * @param cols number of columns, {@code >= 1}
     * @param out destination; not closed
     * @throws IOException if writing fails
     */
    public static void write(float[] values, int rows, int cols, OutputStream out) throws IOException {
        if (rows < 1 || cols < 1 || values.length != (long) rows * cols) {
            throw new IllegalArgumentException("need rows*cols = " + values.length + " values, got " + rows + " x " + cols);
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        StringBuilder sb = new StringBuilder(32);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    w.write(',');
                }
                sb.setLength(0);
                appendPythonRepr(values[r * cols + c], sb);
                w.append(sb);
            }
            w.write('\n');
        }
        w.flush();
    }

    /**
     * Python's {@code repr(float(v))} for a float32 value: shortest round-tripping digits of the
     * double, positional notation for decimal exponents in [-4, 16), otherwise {@code d.ddde-XX}.
     *
     * @param v the value
     * @return its Python representation
     */
    public static String pythonRepr(float v) {
        StringBuilder sb = new StringBuilder(32);
        appendPythonRepr(v, sb);
        return sb.toString();
    }

    private static void appendPythonRepr(float f, StringBuilder sb) {
        double d = f;
        if (Double.isNaN(d)) {
            sb.append("nan");
            return;
        }
        if (Double.isInfinite(d)) {
            sb.append(d > 0 ? "inf" : "-inf");
            return;
        }
        if (d == 0.0) {
            sb.append((Float.floatToRawIntBits(f) & 0x80000000) != 0 ? "-0.0" : "0.0");
            return;
        }
        // Java 17's Double.toString is not always the shortest round-tripping form, so find it:
        // the exact value rounded to p significant digits round-trips for the smallest such p.
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = null;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                shortest = r;
                break;
            }
        }
        if (shortest == null) {
            shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        BigDecimal abs = shortest.abs().stripTrailingZeros();
        String digits = abs.unscaledValue().toString();
        int exponent = digits.length() - 1 - abs.scale(); // decimal exponent of the first digit
        if (d < 0) {
            sb.append('-');
        }
        if (exponent >= -4 && exponent < 16) {
            if (exponent < 0) {
                sb.append("0.");
                for (int i = -1; i > exponent; i--) {
                    sb.append('0');
                }
                sb.append(digits);
            } else if (digits.length() <= exponent + 1) {
                sb.append(digits);
                for (int i = digits.length(); i <= exponent; i++) {
                    sb.append('0');
                }
                sb.append(".0");
            } else {
                sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int e = Math.abs(exponent);
            if (e < 10) {
                sb.append('0');
            }
            sb.append(e);
        }
    }
}
