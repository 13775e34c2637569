package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.Resampler;
import org.ser4j.core.audio.AudioFiles;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureCsv;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.features.TimeDomainFeatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ser4j extract-features --out DIR file.wav...}: decodes each WAV, resamples it to 16 kHz,
 * pads or trims it to 80,080 samples and writes {@code NAME.zcr.csv}, {@code NAME.rms.csv}
 * (1 x 157), {@code NAME.mel.csv} (mel power) and {@code NAME.db.csv} (128 x 157, row = mel band)
 * in the layout of the librosa fixtures. Each file is written atomically. A bad input gets one
 * line on stderr and the others are still processed; the exit code is 1 if any input failed.
 *
 * <p>Only the first 80,080 samples at 16 kHz are used, so a long file is cut, before resampling,
 * to what those need plus a margin wider than the resampling filter (the kept samples are the
 * same, bit for bit, as when the whole file is resampled): the work per file is bounded however
 * long it is.
 */
@Command(name = "extract-features", mixinStandardHelpOptions = true,
        description = "Write librosa-compatible ZCR, RMS, mel power and log-mel dB CSVs for audio files (WAV, FLAC, MP3, Ogg Vorbis).")
public final class ExtractFeaturesCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public ExtractFeaturesCommand() {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files (WAV, FLAC, MP3, Ogg Vorbis; found by content).")
    List<Path> files;

    @Mixin
    MaxDurationOption maxDuration;

    /** Seconds kept beyond the clip before resampling: more than half the longest resampling filter (57 ms). */
    static final double RESAMPLE_MARGIN_SECONDS = 0.25;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        FeatureConfig config = FeatureConfig.DEFAULT;
        LogMelSpectrogram mel = new LogMelSpectrogram(config);
        TimeDomainFeatures time = new TimeDomainFeatures(config);
        int failed = 0;
        for (Path file : files) {
            String failure = null;
            try {
                extract(file, config, mel, time);
            } catch (IOException | IllegalArgumentException e) {
                failure = CliErrors.describe(file, e);
            } catch (RuntimeException e) {
                failure = file + ": unexpected error: " + e;
            }
            if (failure != null) {
                failed++;
                err.println(CliErrors.prefix(spec) + failure);
                err.flush();
            }
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private void extract(Path file, FeatureConfig config, LogMelSpectrogram mel, TimeDomainFeatures time) throws IOException {
        AudioClip clip = AudioFiles.read(file, maxDuration.limits());
        if (clip.sampleRate() != config.sampleRate()) {
            long needed = (long) Math.ceil((config.clipSamples() / (double) config.sampleRate() + RESAMPLE_MARGIN_SECONDS)
                    * clip.sampleRate());
            if (clip.length() > needed) {
                clip = new AudioClip(java.util.Arrays.copyOf(clip.samples(), (int) needed), clip.sampleRate());
            }
            clip = Resampler.resample(clip, config.sampleRate());
        }
        float[] y = clip.samples();
        float[] timeFeatures = time.extract(y);
        float[] melPower = mel.melPower(y);
        float[] db = mel.powerToDb(melPower);
        int frames = config.frames();
        float[] zcr = java.util.Arrays.copyOfRange(timeFeatures, 0, frames);
        float[] rms = java.util.Arrays.copyOfRange(timeFeatures, frames, 2 * frames);
        String name = baseName(file);
        write(out.resolve(name + ".zcr.csv"), zcr, 1, frames);
        write(out.resolve(name + ".rms.csv"), rms, 1, frames);
        write(out.resolve(name + ".mel.csv"), melPower, config.nMels(), frames);
        write(out.resolve(name + ".db.csv"), db, config.nMels(), frames);
    }

    /** Writes one CSV atomically; a failure names the output, not only the input. */
    private static void write(Path target, float[] values, int rows, int cols) throws IOException {
        try {
            AtomicFiles.write(target, o -> FeatureCsv.write(values, rows, cols, o));
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                    ? fse.getReason() : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            throw new IOException("cannot write " + target + ": " + reason, e);
        }
    }

    /** File name without a trailing {@code .wav} (any case). */
    static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.toLowerCase(java.util.Locale.ROOT).endsWith(".wav") ? n.substring(0, n.length() - 4) : n;
    }
}
