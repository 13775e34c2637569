#!/usr/bin/env python3
"""How much of a cross-validated figure is the pick of the epoch.

Usage: nested_epoch.py CV_DIR [CV_DIR...]

Each directory is a `ser4j train --cv` output (report.json with every fold's per-epoch held-out
accuracy). `--cv` chooses one epoch count for all folds, the one with the best mean held-out
accuracy, and reports the folds at that epoch: the held-out speakers helped choose it. Here each
fold's epoch is instead chosen on the *other* folds' curves (mean held-out accuracy, ties to the
earlier epoch) and the fold is scored at that epoch, so no fold helps choose its own figure.
The gap between the two means is the optimism of the epoch pick. Prints one line per directory.
Developer tool (standard library only); the library itself needs no Python.
"""
import json
import statistics
import sys


def nested(report):
    folds = report["folds"]
    curves = [[h["validationAccuracy"] for h in f["history"]] for f in folds]
    epochs = min(len(c) for c in curves)
    scores, picks = [], []
    for k in range(len(folds)):
        others = [j for j in range(len(folds)) if j != k]
        mean = [sum(curves[j][e] for j in others) / len(others) for e in range(epochs)]
        best = max(range(epochs), key=lambda e: (mean[e], -e))
        picks.append(best + 1)
        scores.append(curves[k][best])
    chosen = report["chosenEpoch"]
    at_chosen = [c[chosen - 1] for c in curves]
    return chosen, at_chosen, scores, picks


def main(dirs):
    for d in dirs:
        with open(d.rstrip("/") + "/report.json") as f:
            chosen, at_chosen, scores, picks = nested(json.load(f))
        print(f"{d}: chosen epoch {chosen}: {statistics.mean(at_chosen):.3f} ± {statistics.stdev(at_chosen):.3f}; "
              f"epoch chosen on the other folds: {statistics.mean(scores):.3f} ± {statistics.stdev(scores):.3f} "
              f"(epochs {', '.join(map(str, picks))})")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
