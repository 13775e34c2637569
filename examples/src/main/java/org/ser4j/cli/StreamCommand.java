package org.ser4j.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioStreams;
import org.ser4j.core.audio.WavDecoder;
import org.ser4j.core.audio.WavStreamHeader;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.EmotionStream;
import org.ser4j.models.WindowPrediction;
import org.ser4j.models.WindowedEmotionClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ser4j stream FILE|-}: feeds one recording, or standard input, through the streaming API
 * ({@link EmotionStream}) in chunks of {@code --chunk-ms}, and prints each window's line (the
 * format of {@code classify --timeline}) as soon as the window is predicted. WAV is read as it
 * arrives (header, then PCM chunks), so a live capture piped in is classified live; other formats
 * are decoded whole first, then chunked. {@code --realtime} paces the chunks at the audio's own
 * speed.
 *
 * <p>Exit code 0 when the recording was streamed to its end, 1 when it could not be read or
 * decoded (one line on stderr; the windows printed before stand), 2 for bad usage or a model that
 * cannot be loaded.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Classify a recording as a live stream: one line per analysis window, printed as soon as the window is complete,",
            "in the format of classify --timeline (start-end seconds, emotion, confidence, six probabilities).",
            "WAV (a file or standard input) is read incrementally as it arrives, so a live capture works:",
            "  arecord -f S16_LE -r 16000 | ser4j stream -",
            "FLAC, MP3 and Ogg Vorbis are decoded whole first, then streamed in chunks."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:streamed to the end", "1:the input could not be read or decoded (windows printed before stand)",
            "2:bad usage or unusable model"})
public final class StreamCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public StreamCommand() {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The recording; - reads standard input.")
    String file;

    @Option(names = "--chunk-ms", paramLabel = "MS", defaultValue = "100",
            description = "Audio per chunk pushed into the stream, milliseconds (1 to 60000). Default: ${DEFAULT-VALUE}.")
    int chunkMs;

    @Option(names = "--realtime", description = "Push the chunks at the audio's own speed instead of as fast as possible.")
    boolean realtime;

    @Mixin
    ModelOption model;

    @Option(names = "--hop-samples", paramLabel = "N", defaultValue = "" + ClassifierOptions.DEFAULT_HOP_SAMPLES,
            description = "Hop between analysis windows, in samples at the model's rate (16 kHz). Default: ${DEFAULT-VALUE} (2.5 s).")
    int hopSamples;

    // One intra-op thread: a stream classifies one window at a time, and on 2 shared cores
    // `benchmark stream` measured a median window latency of 7.4 ms with 1 thread against
    // 23.7 ms with ONNX Runtime's default of one thread per core (thread hand-off dominates).
    @Option(names = "--inference-threads", paramLabel = "N", defaultValue = "1",
            description = "ONNX Runtime intra-op threads per model (0: its default, one per core). Default: ${DEFAULT-VALUE}, "
                    + "the lowest latency measured for one window at a time.")
    int inferenceThreads;

    /** Standard input, for {@code -} (a field so tests can supply one). */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prefix = CliErrors.prefix(spec);
        if (chunkMs < 1 || chunkMs > 60_000) {
            err.println(prefix + "--chunk-ms must be 1 to 60000, got " + chunkMs);
            return ExitCodes.USAGE;
        }
        ClassifierOptions options;
        try {
            options = ClassifierOptions.defaults().withHopSamples(hopSamples);
        } catch (IllegalArgumentException e) {
            err.println(prefix + "--hop-samples: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            options = options.withInferenceThreads(inferenceThreads);
        } catch (IllegalArgumentException e) {
            err.println(prefix + "--inference-threads: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        WindowedEmotionClassifier classifier = model.open(options, err, prefix);
        if (classifier == null) {
            return ExitCodes.USAGE;
        }
        boolean stdinInput = file.equals("-");
        String name = stdinInput ? "standard input" : file;
        try (classifier; InputStream in = new BufferedInputStream(stdinInput ? stdin : Files.newInputStream(Path.of(file)), 1 << 16)) {
            Pacer pacer = new Pacer(realtime);
            boolean any = isWav(in) ? streamWav(classifier, options, in, name, out, err, prefix, pacer) : streamDecoded(classifier, options, in, name, out, pacer);
            if (!any) {
                err.println(prefix + name + ": holds no audio samples");
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            String line = stdinInput ? messageNaming(name, e) : CliErrors.describe(Path.of(file), e);
            err.println(prefix + line);
            err.flush();
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(prefix + name + ": interrupted");
            return ExitCodes.FAILED;
        } catch (Error e) {
            err.println(prefix + CliErrors.stopped(e, 0, 1));
            err.flush();
            return ExitCodes.FAILED;
        }
    }

    private static String messageNaming(String name, Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.startsWith(name) ? msg : name + ": " + msg;
    }

    /** Whether the (buffered) stream starts with {@code RIFF....WAVE}; reads nothing away. */
    private static boolean isWav(InputStream in) throws IOException {
        in.mark(12);
        byte[] head = in.readNBytes(12);
        in.reset();
        return head.length == 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'A' && head[10] == 'V' && head[11] == 'E';
    }

    /** WAV as it arrives: the header, then chunks of PCM bytes straight into the stream. */
    private boolean streamWav(WindowedEmotionClassifier classifier, ClassifierOptions options, InputStream in, String name,
            PrintWriter out, PrintWriter err, String prefix, Pacer pacer) throws IOException, InterruptedException {
        WavStreamHeader header = WavDecoder.readStreamHeader(in, name, options.audioLimits());
        int rate = (int) header.format().getSampleRate();
        int frameBytes = header.format().getFrameSize();
        // whole frames, at most 16 MiB a chunk (a minute of 384 kHz 64-channel audio would not fit an int)
        long wanted = Math.min((long) chunkFrames(rate) * frameBytes, MAX_CHUNK_BYTES);
        byte[] chunk = new byte[(int) Math.max(frameBytes, wanted - wanted % frameBytes)];
        long remaining = header.declaredDataBytes() < 0 ? Long.MAX_VALUE : header.declaredDataBytes();
        long bytes = 0;
        try (EmotionStream stream = classifier.openStream(header.format())) {
            while (remaining > 0) {
                int n = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, remaining));
                if (n == 0) {
                    break;
                }
                remaining -= n;
                bytes += n;
                pacer.await(bytes / frameBytes, rate);
                print(out, stream.push(chunk, 0, n));
            }
            print(out, stream.flush());
        }
        long declared = header.declaredDataBytes();
        // 0x80000000 and above are the "length unknown" values recorders write (arecord, ffmpeg)
        if (declared >= 0 && declared < 0x8000_0000L && remaining > 0) {
            err.println(prefix + "warning: " + name + ": data chunk declares " + declared + " bytes but the input ended after "
                    + bytes + "; classified what was there");
            err.flush();
        } else if (bytes % frameBytes != 0) {
            err.println(prefix + "warning: " + name + ": the input ended inside a frame; its last " + bytes % frameBytes
                    + " bytes were dropped");
            err.flush();
        }
        return bytes >= frameBytes;
    }

    /** Any other format: decoded whole (within the classifier's limits), then pushed in chunks. */
    private boolean streamDecoded(WindowedEmotionClassifier classifier, ClassifierOptions options, InputStream in, String name,
            PrintWriter out, Pacer pacer) throws IOException, InterruptedException {
        AudioClip clip = AudioStreams.read(in, name, options.audioLimits());
        float[] samples = clip.samples();
        int step = chunkFrames(clip.sampleRate());
        try (EmotionStream stream = classifier.openStream(clip.sampleRate())) {
            for (int pos = 0; pos < samples.length; pos += step) {
                int n = Math.min(step, samples.length - pos);
                pacer.await(pos + n, clip.sampleRate());
                print(out, stream.push(samples, pos, n));
            }
            print(out, stream.flush());
        }
        return samples.length > 0;
    }

    private static final long MAX_CHUNK_BYTES = 1 << 24;

    private int chunkFrames(int rate) {
        return (int) Math.max(1, Math.round(rate * (double) chunkMs / 1000));
    }

    private static void print(PrintWriter out, List<WindowPrediction> windows) {
        if (windows.isEmpty()) {
            return;
        }
        for (WindowPrediction w : windows) {
            out.println(ClassifyCommand.windowLine(w));
        }
        out.flush();
    }

    /** With {@code --realtime}, waits until the audio up to a frame has had time to play since the first chunk. */
    static final class Pacer {
        private final boolean enabled;
        private long startNanos = -1;

        Pacer(boolean enabled) {
            this.enabled = enabled;
        }

        /** Returns when {@code frames} frames at {@code rate} have played since the first call (at once when disabled). */
        void await(long frames, int rate) throws InterruptedException {
            if (!enabled) {
                return;
            }
            long now = System.nanoTime();
            if (startNanos < 0) {
                startNanos = now;
            }
            long due = startNanos + (long) (frames * 1e9 / rate);
            long wait = due - now;
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }
}
