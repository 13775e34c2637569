package org.ser4j.core.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The optional decoders found on the class path, and the content sniffing both entry points share. */
final class AudioDecoders {
    private static final Logger LOG = LoggerFactory.getLogger(AudioDecoders.class);
    /** Where the optional decoders live, for the message when one is missing. */
    static final String CODECS_MODULE = "org.ser4j:ser-audio-codecs";

    private AudioDecoders() {
    }

    /** Loaded once, on first use (a provider that fails to load is logged and left out). */
    private static final class Holder {
        static final List<AudioDecoderProvider> PROVIDERS = load();

        private static List<AudioDecoderProvider> load() {
            List<AudioDecoderProvider> out = new ArrayList<>();
            Iterator<AudioDecoderProvider> it = ServiceLoader.load(AudioDecoderProvider.class,
                    AudioDecoders.class.getClassLoader()).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    AudioDecoderProvider p = it.next();
                    out.add(p);
                    LOG.debug("audio decoder for {}: {}", p.formatName(), p.getClass().getName());
                } catch (ServiceConfigurationError e) {
                    LOG.warn("an audio decoder could not be loaded and is left out: {}", e.getMessage());
                }
            }
            return List.copyOf(out);
        }
    }

    static List<AudioDecoderProvider> providers() {
        return Holder.PROVIDERS;
    }

    static boolean isWav(byte[] b) {
        return startsWith(b, 0, "RIFF") || startsWith(b, 0, "RIFX") || startsWith(b, 0, "RF64");
    }

    /** The format's name by its magic bytes, whether or not a decoder for it is present; null if unknown. */
    static String knownFormat(byte[] b) {
        if (isWav(b)) {
            return "WAV";
        }
        if (startsWith(b, 0, "fLaC")) {
            return "FLAC";
        }
        if (startsWith(b, 0, "OggS")) {
            return "Ogg";
        }
        if (startsWith(b, 0, "ID3") || (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0)) {
            return "MP3";
        }
        return null;
    }

    /** The provider that recognises {@code head}; otherwise a message saying what the content is and what is missing. */
    static AudioDecoderProvider providerFor(byte[] head, String source) throws AudioFormatException {
        if (head.length == 0) {
            throw new EmptyAudioException(source, "the content is empty");
        }
        for (AudioDecoderProvider p : providers()) {
            boolean yes;
            try {
                yes = p.recognizes(head.clone());
            } catch (RuntimeException e) {
                LOG.warn("audio decoder {} failed to inspect {}: {}", p.getClass().getName(), source, e.toString());
                yes = false;
            }
            if (yes) {
                return p;
            }
        }
        String known = knownFormat(head);
        StringBuilder supported = new StringBuilder("WAV (RIFF/WAVE)");
        for (AudioDecoderProvider p : providers()) {
            supported.append(", ").append(p.formatName());
        }
        if (known != null && providers().isEmpty()) {
            throw new AudioFormatException(source, known + " content, but no decoder for it is on the class path (add "
                    + CODECS_MODULE + "); supported: " + supported);
        }
        if (known != null) {
            throw new AudioFormatException(source, "looks like " + known + " but no decoder accepts it; supported: " + supported);
        }
        throw new AudioFormatException(source, "unrecognised audio content (starts with " + describe(head)
                + "); supported: " + supported);
    }

    /** Runs a provider, turning anything it throws but an I/O failure or an out-of-memory into one AudioFormatException. */
    static AudioClip decode(AudioDecoderProvider p, InputStream in, String source, AudioLimits limits) throws IOException {
        try {
            AudioClip clip = p.decode(in, source, limits);
            if (clip == null) {
                throw new AudioFormatException(source, p.formatName() + " decoder returned nothing");
            }
            if (clip.length() == 0) {
                throw new EmptyAudioException(source, "the " + p.formatName() + " content holds no samples");
            }
            return clip;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AudioFormatException(source, "damaged " + p.formatName() + " content (" + e + ")", e);
        }
    }

    static boolean startsWith(byte[] b, int at, String ascii) {
        if (b.length < at + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String describe(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(4, b.length); i++) {
            s.append(String.format(Locale.ROOT, "%02x", b[i] & 0xff));
        }
        return "0x" + s;
    }
}
