"""Compares two `ser4j classify --json` outputs of the same clips (matched by file name), and
optionally two `ser4j extract-features` folders of them (log-mel dB, per band).

usage: compare.py A.jsonl B.jsonl [FEATURES_A FEATURES_B]
Prints: clips, same top emotion, mean over clips of the largest |difference| of the six
probabilities, accuracy of each side (labels from RAVDESS or TESS names), and for features the
mean |difference| in dB of each mel band over clips and frames.
"""
import glob
import json
import os
import sys

import numpy as np

RAVDESS = {'01': 'neutral', '03': 'happy', '04': 'sad', '05': 'anger', '06': 'fear', '07': 'disgust'}
TESS = {'angry': 'anger', 'disgust': 'disgust', 'fear': 'fear', 'happy': 'happy', 'neutral': 'neutral',
        'sad': 'sad'}


def label(name):
    stem = name.rsplit('.', 1)[0]
    if stem.count('-') == 6:
        return RAVDESS.get(stem.split('-')[2])
    return TESS.get(stem.split('_')[-1].lower())


def load(path):
    rows = {}
    with open(path) as f:
        for line in f:
            row = json.loads(line)
            rows[os.path.basename(row['file'])] = row
    return rows


a, b = load(sys.argv[1]), load(sys.argv[2])
names = sorted(set(a) & set(b))
same = np.mean([a[n]['emotion'] == b[n]['emotion'] for n in names])
dp = np.mean([max(abs(a[n]['probabilities'][e] - b[n]['probabilities'][e]) for e in a[n]['probabilities'])
              for n in names])
labelled = [n for n in names if label(n)]
acc_a = np.mean([a[n]['emotion'] == label(n) for n in labelled]) if labelled else float('nan')
acc_b = np.mean([b[n]['emotion'] == label(n) for n in labelled]) if labelled else float('nan')
print(f'{len(names)} clips: same top emotion {same:.3f}, mean max |dp| {dp:.4f}, '
      f'accuracy {acc_a:.3f} / {acc_b:.3f}')
if len(sys.argv) > 4:
    diffs = []
    for fa in sorted(glob.glob(os.path.join(sys.argv[3], '*.db.csv'))):
        fb = os.path.join(sys.argv[4], os.path.basename(fa))
        da, db = np.loadtxt(fa, delimiter=','), np.loadtxt(fb, delimiter=',')
        frames = min(da.shape[1], db.shape[1])
        diffs.append(np.abs(da[:, :frames] - db[:, :frames]).mean(axis=1))
    d = np.mean(diffs, axis=0)
    print(f'log-mel dB over {len(diffs)} clips: bands 0-119 mean |d| {d[:120].mean():.3f} dB '
          f'(largest {d[:120].max():.3f}); bands 120-127: ' + ' '.join(f'{v:.2f}' for v in d[120:]))
