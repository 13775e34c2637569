package org.ser4j.models;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFormatException;

/** Test-only WAV reading and writing (16-bit mono PCM) through javax.sound, independent of ser-core's decoder. */
final class JavaSoundSource {
    static final AudioSource SOURCE = (path, limits) -> read(path);

    private JavaSoundSource() {
    }

    static AudioClip read(Path path) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(path.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getSampleSizeInBits() != 16 || f.getChannels() != 1 || f.isBigEndian()) {
                throw new AudioFormatException(path.toString(), "test reader only handles 16-bit mono little-endian");
            }
            byte[] bytes = in.readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] s = new float[bytes.length / 2];
            for (int i = 0; i < s.length; i++) {
                s[i] = b.getShort() / 32768f;
            }
            return new AudioClip(s, (int) f.getSampleRate());
        } catch (UnsupportedAudioFileException e) {
            throw new AudioFormatException(path.toString(), "not a WAV file", e);
        }
    }

    static Path write(Path path, float[] samples, int rate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : samples) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32768f))));
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new java.io.ByteArrayInputStream(b.array()), format, samples.length);
                OutputStream out = Files.newOutputStream(path)) {
            AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, out);
        }
        return path;
    }

    /** A deterministic test signal: a tone whose loudness changes over time, so windows differ. */
    static float[] signal(int length, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] s = new float[length];
        double f = 100 + r.nextInt(400);
        for (int i = 0; i < length; i++) {
            double env = 0.5 + 0.45 * Math.sin(2 * Math.PI * i / (16000.0 * (1 + Math.floorMod(seed, 3))));
            s[i] = (float) (env * 0.6 * Math.sin(2 * Math.PI * f * i / 16000.0) + 0.05 * r.nextGaussian());
        }
        return s;
    }
}
