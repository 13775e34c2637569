#!/usr/bin/env python3
"""Writes two 16 kHz copies of every STEP-th clip of a corpus folder: as recorded, and with 1 s of
digital silence put before it, in the corpus's own layout (so `ser4j evaluate` reads the labels).

Usage: silence_prefix.py SRC_DIR OUT_DIR [STEP]   (default STEP 4)
Writes OUT_DIR/orig/... and OUT_DIR/prefix1s/... (16-bit PCM; resampled with scipy's
resample_poly when the source is not 16 kHz, the same for both copies). A model that judged the
voice alone would give both copies the same emotion; the bundled ones learned where speech sits
in the window (RAVDESS about 1 s in, EmoDB at once) and do not. Developer tool (numpy, scipy,
soundfile); the library needs no Python.
"""
import glob
import os
import sys

import numpy as np
import soundfile as sf
from scipy.signal import resample_poly

src, out = sys.argv[1], sys.argv[2]
step = int(sys.argv[3]) if len(sys.argv) > 3 else 4
files = sorted(glob.glob(os.path.join(src, "**", "*.wav"), recursive=True))[::step]
for p in files:
    x, sr = sf.read(p, dtype="float64")
    if x.ndim > 1:
        x = x.mean(axis=1)
    if sr != 16000:
        g = np.gcd(16000, sr)
        x = resample_poly(x, 16000 // g, sr // g)
    rel = os.path.relpath(p, src)
    for name, y in (("orig", x), ("prefix1s", np.concatenate([np.zeros(16000), x]))):
        dst = os.path.join(out, name, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        sf.write(dst, np.clip(y, -1, 1), 16000, subtype="PCM_16")
print(f"{len(files)} clips, two copies each, in {out}")
