package org.ser4j.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.EmotionStream;
import org.ser4j.models.WindowPrediction;
import org.ser4j.models.WindowedEmotionClassifier;

/**
 * Classifies live microphone audio with the streaming API: the capture line's PCM bytes go
 * straight into an {@link EmotionStream}, which prints each model window (5.005 s, every 2.5 s)
 * as soon as it is complete. Stops after the given number of seconds or on Ctrl-C. Without a
 * capture device it says so and exits with code 1.
 *
 * <pre>java -cp examples/target/ser4j.jar org.ser4j.examples.LiveMicrophone [SECONDS]</pre>
 */
public final class LiveMicrophone {
    /** Capture format: 16 kHz, 16-bit signed little-endian mono PCM (any PCM format would do). */
    static final AudioFormat FORMAT = new AudioFormat(16_000f, 16, 1, true, false);
    /** Bytes read from the line per chunk: 100 ms. */
    static final int CHUNK_BYTES = 2 * 1_600;

    private LiveMicrophone() {
    }

    /** Where the audio comes from: {@link TargetDataLine#read}, or a test's bytes. */
    @FunctionalInterface
    interface PcmSource {
        /** Reads up to {@code length} bytes into {@code buffer}; 0 or less when no more audio comes. */
        int read(byte[] buffer, int offset, int length);
    }

    /**
     * Listens for {@code args[0]} seconds (default 30).
     *
     * @param args optionally the number of seconds to listen, a positive integer (default 30). Exits with
     *     code 0 when done, 1 when there is no capture device or the model cannot be loaded, 2 when
     *     the argument is not an integer.
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The program; returns the exit code (0 done, 1 no capture device, 2 bad arguments). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        int seconds;
        try {
            seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
            if (seconds < 1) {
                throw new NumberFormatException("not positive");
            }
        } catch (NumberFormatException e) {
            err.println("usage: LiveMicrophone [SECONDS]");
            return 2;
        }
        TargetDataLine line = openMicrophone(err);
        if (line == null) {
            return 1;
        }
        WindowedEmotionClassifier loaded;
        try {
            loaded = EmotionClassifiers.defaultClassifier();
        } catch (RuntimeException e) {
            line.close();
            err.println("cannot load the default model: " + e.getMessage());
            return 1;
        }
        try (line; WindowedEmotionClassifier classifier = loaded; EmotionStream stream = classifier.openStream(FORMAT)) {
            // JIT and ONNX Runtime's first run take up to a couple of seconds: pay them before capture
            // starts, so that the line's buffer does not overrun while the first window is classified
            classifier.classify(new org.ser4j.core.audio.AudioClip(new float[classifier.windowSamples()], classifier.sampleRate()));
            line.start();
            out.println("listening for " + seconds + " s with " + classifier.description() + " (Ctrl-C to stop)");
            long bytes = (long) seconds * (long) FORMAT.getSampleRate() * FORMAT.getFrameSize();
            boolean complete = listen(line::read, stream, bytes, out);
            line.stop();
            if (!complete) {
                err.println("the capture device stopped delivering audio");
                return 1;
            }
            return 0;
        }
    }

    /**
     * Pushes {@code bytes} bytes of {@code source} into {@code stream} in chunks of 100 ms,
     * printing each window as it completes, then flushes the stream.
     *
     * @return true when all the bytes came, false when the source stopped early (the windows so
     *     far, and the last one padded, are still printed)
     */
    static boolean listen(PcmSource source, EmotionStream stream, long bytes, PrintStream out) {
        byte[] chunk = new byte[CHUNK_BYTES];
        long left = bytes;
        boolean complete = true;
        while (left > 0) {
            int n = source.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n <= 0) {
                complete = false;
                break;
            }
            left -= n;
            print(stream.push(chunk, 0, n), out);
        }
        print(stream.flush(), out);
        return complete;
    }

    private static void print(List<WindowPrediction> windows, PrintStream out) {
        for (WindowPrediction w : windows) {
            out.println(String.format(Locale.ROOT, "%6.1f-%6.1f s  %-7s %.2f", w.startSeconds(), w.endSeconds(),
                    w.prediction().emotion().label(), w.prediction().probability(w.prediction().emotion())));
        }
    }

    /** The default capture line for {@link #FORMAT}, opened; or null after one line on {@code err} saying why not. */
    static TargetDataLine openMicrophone(PrintStream err) {
        DataLine.Info info = new DataLine.Info(TargetDataLine.class, FORMAT);
        try {
            if (!AudioSystem.isLineSupported(info)) {
                err.println("no audio capture device for 16 kHz 16-bit mono PCM was found (is a microphone connected?); exiting");
                return null;
            }
            TargetDataLine line = (TargetDataLine) AudioSystem.getLine(info);
            // 5 s of buffer (the JDK's default is 0.5 s): inference runs on the reading thread, and a
            // slow window must not make the device drop audio
            line.open(FORMAT, (int) FORMAT.getSampleRate() * FORMAT.getFrameSize() * 5);
            return line;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            err.println("the audio capture device cannot be opened (" + e.getMessage() + "); exiting");
            return null;
        }
    }
}
