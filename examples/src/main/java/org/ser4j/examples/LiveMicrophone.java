package org.ser4j.examples;

import java.io.PrintStream;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.ser4j.core.Prediction;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;

/**
 * Classifies live microphone audio over a sliding window: it keeps the last 5.005 s (one model
 * window, 80,080 samples at 16 kHz) and classifies them once per second. Stops after the given
 * number of seconds or on Ctrl-C. Without a capture device it says so and exits with code 1.
 *
 * <pre>java -cp examples/target/ser4j.jar org.ser4j.examples.LiveMicrophone [SECONDS]</pre>
 */
public final class LiveMicrophone {
    /** Capture format: 16 kHz, 16-bit signed little-endian mono PCM, the bundled models' rate. */
    static final AudioFormat FORMAT = new AudioFormat(16_000f, 16, 1, true, false);

    private LiveMicrophone() {
    }

    /**
     * Listens for {@code args[0]} seconds (default 30).
     *
     * @param args optionally the number of seconds to listen, an integer (default 30). Exits with
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
        try (line; WindowedEmotionClassifier classifier = loaded) {
            SlidingWindow window = new SlidingWindow(classifier.windowSamples());
            byte[] buffer = new byte[2 * (int) FORMAT.getSampleRate()]; // one second of 16-bit samples
            line.start();
            out.println("listening for " + seconds + " s with " + classifier.description() + " (Ctrl-C to stop)");
            for (int second = 0; second < seconds; second++) {
                int read = 0;
                while (read < buffer.length) {
                    int n = line.read(buffer, read, buffer.length - read);
                    if (n <= 0) {
                        err.println("the capture device stopped delivering audio");
                        return 1;
                    }
                    read += n;
                }
                window.append(buffer, read);
                Prediction p = classifier.classify(new AudioClip(window.snapshot(), (int) FORMAT.getSampleRate()));
                out.println(String.format(Locale.ROOT, "%4d s  %-7s %.2f", second + 1, p.emotion().label(),
                        p.probability(p.emotion())));
            }
            line.stop();
            return 0;
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
            line.open(FORMAT);
            return line;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            err.println("the audio capture device cannot be opened (" + e.getMessage() + "); exiting");
            return null;
        }
    }

    /**
     * The most recent {@code capacity} samples of a stream, oldest first. Until the stream has
     * filled it, the window is just what arrived so far (the classifier pads it at the end, as in
     * training).
     */
    static final class SlidingWindow {
        private final float[] ring;
        private int next;
        private int filled;

        SlidingWindow(int capacity) {
            ring = new float[capacity];
        }

        /** Appends {@code length} bytes of 16-bit little-endian PCM. */
        void append(byte[] pcm, int length) {
            for (int i = 0; i + 1 < length; i += 2) {
                short s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
                ring[next] = s / 32768f;
                next = (next + 1) % ring.length;
                filled = Math.min(ring.length, filled + 1);
            }
        }

        /** A copy of the last {@code min(capacity, samples appended)} samples, oldest first. */
        float[] snapshot() {
            float[] out = new float[filled];
            int start = Math.floorMod(next - filled, ring.length);
            int first = Math.min(filled, ring.length - start);
            System.arraycopy(ring, start, out, 0, first);
            System.arraycopy(ring, 0, out, first, filled - first);
            return out;
        }
    }
}
