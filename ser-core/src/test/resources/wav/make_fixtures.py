"""Writes small WAV files with writers independent of ser4j (scipy.io.wavfile and hand-packed
bytes) plus, for each, the float32 mono samples soundfile/librosa would return (CSV, one value a
line, repr precision). Run with a Python that has numpy and scipy; the outputs are committed."""
import struct
import numpy as np
from scipy.io import wavfile

rng = np.random.default_rng(20261126)
frames = 64


def save_expected(name, mono):
    with open(name + ".expected.csv", "w") as f:
        for v in mono.astype(np.float32):
            f.write(repr(float(v)) + "\n")


def mono_of(ints_or_floats, scale, offset=0.0):
    x = (ints_or_floats.astype(np.float64) - offset) / scale
    x = x.astype(np.float32)  # libsndfile converts each sample to float32
    return x if x.ndim == 1 else x.mean(axis=1, dtype=np.float32)


# scipy writers: plain WAVE_FORMAT_PCM / IEEE_FLOAT
u8 = rng.integers(0, 256, size=(frames, 2), dtype=np.uint8)
wavfile.write("scipy_u8_stereo_11025.wav", 11025, u8)
save_expected("scipy_u8_stereo_11025", mono_of(u8, 128.0, 128.0))

i16 = rng.integers(-32768, 32768, size=frames, dtype=np.int16)
wavfile.write("scipy_i16_mono_16000.wav", 16000, i16)
save_expected("scipy_i16_mono_16000", mono_of(i16, 32768.0))

i32 = rng.integers(-2**31, 2**31, size=(frames, 3), dtype=np.int32)
wavfile.write("scipy_i32_3ch_48000.wav", 48000, i32)
save_expected("scipy_i32_3ch_48000", mono_of(i32, 2.0**31))

f32 = rng.uniform(-1, 1, size=(frames, 2)).astype(np.float32)
wavfile.write("scipy_f32_stereo_44100.wav", 44100, f32)
save_expected("scipy_f32_stereo_44100", f32.mean(axis=1, dtype=np.float32))

f64 = rng.uniform(-1, 1, size=frames).astype(np.float64)
wavfile.write("scipy_f64_mono_22050.wav", 22050, f64)
save_expected("scipy_f64_mono_22050", f64.astype(np.float32))


# hand-packed: 24-bit WAVE_FORMAT_EXTENSIBLE stereo, with a LIST chunk of odd size before data
def extensible(path, channels, rate, bits, subformat, data):
    guid_tail = bytes([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71])
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHHHHI", 0xFFFE, channels, rate, rate * block, block, bits, 22, bits, (1 << channels) - 1)
    fmt += struct.pack("<H", subformat) + guid_tail
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt
    chunks += b"LIST" + struct.pack("<I", 5) + b"INFOx" + b"\x00"
    chunks += b"data" + struct.pack("<I", len(data)) + data
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks)


i24 = rng.integers(-2**23, 2**23, size=(frames, 2), dtype=np.int32)
packed = b"".join(int(v).to_bytes(3, "little", signed=True) for v in i24.reshape(-1))
extensible("ext_i24_stereo_96000.wav", 2, 96000, 24, 1, packed)
save_expected("ext_i24_stereo_96000", mono_of(i24, 2.0**23))

f32e = rng.uniform(-1, 1, size=frames).astype(np.float32)
extensible("ext_f32_mono_8000.wav", 1, 8000, 32, 3, f32e.tobytes())
save_expected("ext_f32_mono_8000", f32e)
