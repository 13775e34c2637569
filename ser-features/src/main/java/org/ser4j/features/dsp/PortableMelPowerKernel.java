package org.ser4j.features.dsp;

/** {@link MelPowerKernel} on {@link PowerSpectrogram}: one frame at a time, JTransforms FFT. */
final class PortableMelPowerKernel implements MelPowerKernel {
    private final PowerSpectrogram stft;
    private final MelFilterbank filterbank;

    PortableMelPowerKernel(int nFft, int hopLength, MelFilterbank filterbank) {
        if (filterbank.fftBins() != 1 + nFft / 2) {
            throw new IllegalArgumentException("filterbank has " + filterbank.fftBins() + " bins, nFft " + nFft + " needs " + (1 + nFft / 2));
        }
        this.stft = new PowerSpectrogram(nFft, hopLength);
        this.filterbank = filterbank;
    }

    @Override
    public void melPower(float[] signal, float[] out) {
        int frames = stft.frames(signal.length);
        double[] scratch = new double[stft.nFft()];
        double[] power = new double[stft.bins()];
        int[] audible = Framing.audibleFrameRange(signal, stft.nFft(), stft.hopLength());
        for (int t = 0; t < frames; t++) {
            if (t < audible[0] || t > audible[1]) {
                java.util.Arrays.fill(power, 0.0);
            } else {
                stft.framePower(signal, t, scratch, power);
            }
            filterbank.apply(power, out, t, frames);
        }
    }

    @Override
    public String name() {
        return "portable";
    }
}
