package org.ser4j.cli;

import java.time.Duration;
import java.util.Locale;
import org.ser4j.core.audio.AudioLimits;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --max-duration} option of the commands that decode audio (a picocli mixin): files
 * whose header declares more audio are refused before their samples are read.
 */
final class MaxDurationOption {
    @Option(names = "--max-duration", paramLabel = "DURATION", defaultValue = "4h", converter = DurationConverter.class,
            description = "Longest audio accepted per file (e.g. 90s, 30m, 4h; a bare number is seconds); longer files fail"
                    + " from their header, before they are read. Default: ${DEFAULT-VALUE}.")
    Duration maxDuration = AudioLimits.DEFAULT_MAX_DURATION;

    /** The decoder limits with this duration. */
    AudioLimits limits() {
        return AudioLimits.DEFAULT.withMaxDuration(maxDuration);
    }

    /** {@code 90}, {@code 90s}, {@code 1.5m}, {@code 30min}, {@code 4h}: a positive amount of time. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            double scale = 1;
            String number = v;
            if (v.endsWith("min")) {
                scale = 60;
                number = v.substring(0, v.length() - 3);
            } else if (v.endsWith("ms")) {
                scale = 0.001;
                number = v.substring(0, v.length() - 2);
            } else if (v.endsWith("s")) {
                number = v.substring(0, v.length() - 1);
            } else if (v.endsWith("m")) {
                scale = 60;
                number = v.substring(0, v.length() - 1);
            } else if (v.endsWith("h")) {
                scale = 3600;
                number = v.substring(0, v.length() - 1);
            }
            double seconds;
            try {
                seconds = Double.parseDouble(number.strip()) * scale;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 30m or 4h");
            }
            if (!(seconds > 0) || seconds > 1e9) {
                throw new TypeConversionException("'" + value + "' must be a positive duration such as 90s, 30m or 4h");
            }
            return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        }
    }
}
