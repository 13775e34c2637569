#!/usr/bin/env python3
"""Writes a copy of a corpus folder with every clip's speech onset moved to LEAD seconds.

Usage: place_onset.py SRC_DIR OUT_DIR LEAD

The onset is the first RMS frame (frame 2048, hop 512, centred, zero padding, as ser4j's
SilenceTrim and librosa.effects.trim frame it) within 40 dB of the clip's loudest; what precedes
it is cut down to LEAD seconds, or zeros are put in front up to LEAD. Same layout and names, so
`ser4j train` and `ser4j evaluate` read the labels; 16-bit PCM at the clip's own rate. Training
and evaluating on such copies measures what a pipeline step "place the onset at LEAD" would do:
a silence prefix can then no longer change the answer (MODEL_CARD, "Where the speech sits in the
window"). Write the copies outside the repository. Developer tool (numpy, soundfile); the
library needs no Python.
"""
import glob
import os
import sys

import numpy as np
import soundfile as sf


def onset(y, top_db=40.0, frame=2048, hop=512):
    padded = np.pad(y, (frame // 2, frame // 2))
    frames = 1 + len(y) // hop
    index = np.minimum(np.arange(frame)[None, :] + hop * np.arange(frames)[:, None], len(padded) - 1)
    rms = np.sqrt(np.mean(padded[index] ** 2, axis=1))
    db = 20 * np.log10(np.maximum(rms, 1e-5)) - 20 * np.log10(max(rms.max(), 1e-5))
    loud = np.nonzero(db > -top_db)[0]
    return int(loud[0] * hop) if len(loud) else 0


def main(src, out, lead):
    count = 0
    for path in sorted(glob.glob(os.path.join(src, "**", "*.wav"), recursive=True)):
        y, rate = sf.read(path, dtype="float32")
        if y.ndim > 1:
            y = y.mean(axis=1)
        shift = int(round(lead * rate)) - onset(y)
        placed = np.concatenate([np.zeros(shift, np.float32), y]) if shift >= 0 else y[-shift:]
        target = os.path.join(out, os.path.relpath(path, src))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        sf.write(target, placed, rate, subtype="PCM_16")
        count += 1
    print(f"{count} clips with the onset at {lead} s -> {out}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
