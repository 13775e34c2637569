#!/usr/bin/env python3
"""Accuracy of a mel model mixed with one or more time models, from `ser4j classify-dir` CSVs of
the same clips, for several weights of the time models: argmax of
w * mean(p(time models)) + (1 - w) * p(mel), as the bundled ensemble mixes (its temperature does
not change the argmax). Labels from the file names.

Usage: mix.py MEL.csv TIME.csv [TIME.csv...]
"""
import csv
import sys

import numpy as np

from labels import CLASSES, label


def load(path):
    with open(path) as f:
        return {r["file"]: np.array([float(r[c]) for c in CLASSES]) for r in csv.DictReader(f) if not r["error"]}


mel = load(sys.argv[1])
times = [load(p) for p in sys.argv[2:]]
keys = sorted(k for k in mel if all(k in t for t in times))
y = np.array([CLASSES.index(label(k)) for k in keys])
pm = np.array([mel[k] for k in keys])
pt = np.mean([np.array([t[k] for k in keys]) for t in times], axis=0)
print(f"{len(keys)} clips; accuracy by weight of the time model(s):", "  ".join(
    f"{w:.2f}: {np.mean((w * pt + (1 - w) * pm).argmax(1) == y):.3f}" for w in (0, 0.2, 0.35, 0.5, 1)))
