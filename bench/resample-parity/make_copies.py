"""Writes the resampled copies that run.sh compares ser4j against.

usage: make_copies.py MODE SRC_DIR OUT_DIR [STEP]
  to16k  every WAV under SRC_DIR (any rate) resampled to 16 kHz by soxr 'HQ', the resampler
         librosa.load(path, sr=16000) uses (res_type='soxr_hq'), written as 16-bit PCM
  to48k  every STEP-th WAV under SRC_DIR (16 kHz) resampled to 48 kHz by soxr 'VHQ', 16-bit PCM:
         a stand-in for recordings made at 48 kHz (it has no content above the 16 kHz copy's 8 kHz)
File names are kept (the corpora's names are unique per corpus), so labels still parse. The
source files used, in order, are listed in OUT_DIR/sources.txt (one path a line), so that run.sh
classifies exactly the originals of the copies.
"""
import glob
import os
import sys

import soundfile as sf
import soxr

mode, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
step = int(sys.argv[4]) if len(sys.argv) > 4 else 1
os.makedirs(out, exist_ok=True)
files = sorted(glob.glob(os.path.join(src, '**', '*.wav'), recursive=True))[::step]
rate, quality = {'to16k': (16000, 'HQ'), 'to48k': (48000, 'VHQ')}[mode]
with open(os.path.join(out, 'sources.txt'), 'w') as listing:
    listing.write(''.join(os.path.abspath(f) + '\n' for f in files))
for f in files:
    x, sr = sf.read(f, dtype='float32')
    y = soxr.resample(x, sr, rate, quality=quality)
    sf.write(os.path.join(out, os.path.basename(f)), y, rate, subtype='PCM_16')
print(f'{len(files)} files -> {out} at {rate} Hz (soxr {quality})')
