#!/usr/bin/env python3
"""Prints the cross-corpus table (markdown) of a bench/cross-corpus/run.sh output folder.

Usage: summarize.py OUT_DIR. For every run NAME-SOURCE: the 2-fold speaker CV accuracy inside
the source corpus, the chosen epoch, and accuracy / macro F1 on each other corpus, then the mean
of RAVDESS->EmoDB and EmoDB->RAVDESS per recipe (the two transfers with several speakers).
"""
import glob
import json
import os
import sys

SOURCES = ["ravdess-speech-16k", "emodb-16k"]
out = sys.argv[1]
rows = {}
print("| recipe | trained on | CV inside (2 folds) | epoch | → RAVDESS | → EmoDB | → TESS |")
print("|---|---|---:|---:|---:|---:|---:|")
for d in sorted(glob.glob(os.path.join(out, "*/report.json"))):
    run = os.path.basename(os.path.dirname(d))
    r = json.load(open(d))
    src = next((c for c in SOURCES if run.endswith("-" + c)), None)
    if src is None:
        continue
    name = run[: -len(src) - 1]
    cells = {}
    for e in glob.glob(os.path.join(os.path.dirname(d), "eval-*/report.json")):
        tgt = e.split("eval-")[1].split("/")[0]
        m = json.load(open(e))["metrics"]["evaluation"]
        cells[tgt.split("-")[0]] = (m["accuracy"], m["macroF1"])
    fmt = lambda k: "—" if k not in cells else f"{cells[k][0]:.3f} / {cells[k][1]:.3f}"
    print(f"| {name} | {src.split('-')[0]} | {r['summary']['meanAccuracy']:.3f} | {r['chosenEpoch']} | "
          f"{fmt('ravdess')} | {fmt('emodb')} | {fmt('tess')} |")
    rows.setdefault(name, {}).update({(src.split("-")[0], k): v[0] for k, v in cells.items()})
print()
print("| recipe | mean of RAVDESS→EmoDB and EmoDB→RAVDESS | mean → TESS |")
print("|---|---:|---:|")
for name, c in rows.items():
    pair = [c.get(("ravdess", "emodb")), c.get(("emodb", "ravdess"))]
    tess = [v for (s, t), v in c.items() if t == "tess"]
    p = f"{sum(pair) / 2:.3f}" if None not in pair else "—"
    t = f"{sum(tess) / len(tess):.3f}" if tess else "—"
    print(f"| {name} | {p} | {t} |")
