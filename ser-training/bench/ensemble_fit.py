#!/usr/bin/env python3
"""Fits the bundled ensemble's time weight and temperature on out-of-fold predictions.

Usage: ensemble_fit.py TIME_CV_DIR[,TIME_CV_DIR...] MEL_CV_DIR[,MEL_CV_DIR...]

Each directory is a `ser4j train --cv` output over the same clips: it holds oof-predictions.csv
and report.json. Each model's own fitted temperature (report.json: calibration.temperature) is
applied first, as classify applies it from the model's metadata. A comma list is a seed ensemble:
its runs' calibrated probabilities are averaged with equal weights (each clip's prediction in
every run comes from a model that never heard its speaker, so the mean is out of speaker too;
the runs may use other seeds and so other folds, and the per-fold figures below are over the
folds of the first time run). Then weight.time, the weight of the time group, is chosen on a 0.05 grid by the mean over folds of the held-out
accuracy (ties: macro F1), and the ensemble's temperature is fitted on the mixed out-of-fold
probabilities by golden-section search on ln T (minimum NLL). Prints one JSON object.
Developer tool (numpy); the library itself needs no Python.
"""
import csv
import json
import math
import sys

import numpy as np

CLASSES = ["anger", "disgust", "fear", "happy", "neutral", "sad"]


def load(d):
    rows = {}
    with open(d + "/oof-predictions.csv") as f:
        for r in csv.DictReader(f):
            rows[r["path"]] = (int(r["fold"]), CLASSES.index(r["label"]), r["corpus"],
                               np.array([float(r["p_" + c]) for c in CLASSES]))
    t = json.load(open(d + "/report.json"))["calibration"]["temperature"]
    return rows, t


def scale(p, t):
    z = np.log(np.maximum(p, 1e-12)) / t
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def macro_f1(pred, y):
    f = []
    for c in range(len(CLASSES)):
        tp = np.sum((pred == c) & (y == c))
        fp = np.sum((pred == c) & (y != c))
        fn = np.sum((pred != c) & (y == c))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f.append(2 * p * r / (p + r) if p + r else 0.0)
    return float(np.mean(f))


def per_fold(p, y, folds):
    acc, f1 = [], []
    for k in sorted(set(folds.tolist())):
        m = folds == k
        pred = p[m].argmax(axis=1)
        acc.append(float(np.mean(pred == y[m])))
        f1.append(macro_f1(pred, y[m]))
    return float(np.mean(acc)), float(np.std(acc)), float(np.mean(f1)), float(np.std(f1))


def nll(p, y, t):
    return float(-np.mean(np.log(np.maximum(scale(p, t)[np.arange(len(y)), y], 1e-12))))


def fit_temperature(p, y):
    a, b = math.log(0.05), math.log(20)
    g = (math.sqrt(5) - 1) / 2
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = nll(p, y, math.exp(c)), nll(p, y, math.exp(d))
    for _ in range(80):
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = nll(p, y, math.exp(c))
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = nll(p, y, math.exp(d))
    return math.exp((a + b) / 2)


def ece(p, y, bins=15):
    conf = p.max(axis=1)
    pred = p.argmax(axis=1)
    e = 0.0
    for i in range(bins):
        m = (conf > i / bins) & (conf <= (i + 1) / bins)
        if m.any():
            e += m.mean() * abs(np.mean(pred[m] == y[m]) - conf[m].mean())
    return float(e)


def group(runs, paths):
    """The mean calibrated out-of-fold probabilities of loaded runs, and their temperatures."""
    for rows, _ in runs:
        if set(rows) != set(paths):
            sys.exit("the runs hold different clips")
    p = np.mean([scale(np.stack([rows[q][3] for q in paths]), t) for rows, t in runs], axis=0)
    return p, [t for _, t in runs]


def main():
    time_runs = [load(d) for d in sys.argv[1].split(",")]
    mel_runs = [load(d) for d in sys.argv[2].split(",")]
    time_rows = time_runs[0][0]
    paths = sorted(time_rows)
    pt, t_time = group(time_runs, paths)
    pm, t_mel = group(mel_runs, paths)
    if len(time_runs) == 1 and len(mel_runs) == 1:
        mel_rows = mel_runs[0][0]
        if any(time_rows[q][0] != mel_rows[q][0] for q in paths):
            sys.exit("the two runs used different folds (seed or data differ)")
        t_time, t_mel = t_time[0], t_mel[0]
    folds = np.array([time_rows[q][0] for q in paths])
    y = np.array([time_rows[q][1] for q in paths])
    corpus = np.array([time_rows[q][2] for q in paths])
    grid = []
    for i in range(21):
        w = i / 20
        acc, acc_sd, f1, f1_sd = per_fold(w * pt + (1 - w) * pm, y, folds)
        grid.append({"weightTime": w, "accuracy": round(acc, 4), "accuracyStd": round(acc_sd, 4),
                     "macroF1": round(f1, 4), "macroF1Std": round(f1_sd, 4)})
    best = max(grid, key=lambda g: (g["accuracy"], g["macroF1"]))
    w = best["weightTime"]
    p = w * pt + (1 - w) * pm
    t = fit_temperature(p, y)
    ps = scale(p, t)
    pred = ps.argmax(axis=1)
    recall = {c: round(float(np.mean(pred[y == i] == i)), 4) for i, c in enumerate(CLASSES)}
    confusion = [[int(np.sum((y == i) & (pred == j))) for j in range(len(CLASSES))] for i in range(len(CLASSES))]
    per_corpus = {c: round(float(np.mean(pred[corpus == c] == y[corpus == c])), 4) for c in sorted(set(corpus))}
    print(json.dumps({"clips": len(paths), "temperatureTime": t_time, "temperatureMel": t_mel,
                      "weightTime": w, "best": best, "ensembleTemperature": round(t, 4),
                      "eceBefore": round(ece(p, y), 4), "eceAfter": round(ece(ps, y), 4),
                      "recall": recall, "confusion": confusion, "perCorpusAccuracy": per_corpus, "grid": grid}, indent=1))


if __name__ == "__main__":
    main()
