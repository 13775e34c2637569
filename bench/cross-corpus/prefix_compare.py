#!/usr/bin/env python3
"""Compares two `ser4j classify-dir` CSVs of the same clips: as recorded, and with 1 s of silence
before them (silence_prefix.py). Prints the share of clips whose top emotion is the same and
the accuracy of both (labels from RAVDESS, EmoDB or TESS file names).

Usage: prefix_compare.py ORIG.csv PREFIX.csv
"""
import csv
import sys

from labels import label


def top(path):
    with open(path) as f:
        return {r["file"]: r["emotion"] for r in csv.DictReader(f) if not r["error"]}


a, b = top(sys.argv[1]), top(sys.argv[2])
keys = sorted(set(a) & set(b))
same = sum(a[k] == b[k] for k in keys) / len(keys)
acc_a = sum(a[k] == label(k) for k in keys) / len(keys)
acc_b = sum(b[k] == label(k) for k in keys) / len(keys)
print(f"{len(keys)} clips: same top emotion {same:.3f}; accuracy as recorded {acc_a:.3f}, with 1 s of silence first {acc_b:.3f}")
