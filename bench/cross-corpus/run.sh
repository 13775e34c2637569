#!/bin/bash
# Cross-corpus check: for every recipe, train on ONE corpus (2-fold speaker CV of that corpus picks
# the epoch count; the model is then trained on all its speakers) and evaluate it on the OTHER
# corpora, whose speakers, language, rooms and sentences it never met.
# Usage: bench/cross-corpus/run.sh [OUT_DIR [RECIPE_NAME...]]   (from the repository root;
# default OUT_DIR runs/cross-corpus, default every recipe in recipes.txt). Reruns skip what exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-runs/cross-corpus}
shift || true
D=../shared/datasets
CORPORA=(ravdess-speech-16k emodb-16k tess-oaf-24k)
SOURCES=(ravdess-speech-16k emodb-16k) # TESS has one speaker: no CV inside it
JAR=examples/target/ser4j.jar
mkdir -p "$OUT"
grep -v '^#' bench/cross-corpus/recipes.txt | while IFS='|' read -r name opts; do
  name=$(echo "$name" | xargs)
  [ -z "$name" ] && continue
  if [ $# -gt 0 ] && [[ ! " $* " =~ " $name " ]]; then continue; fi
  for src in "${SOURCES[@]}"; do
    run="$OUT/$name-$src"
    if [ ! -f "$run/model.onnx" ]; then
      # shellcheck disable=SC2086
      java -jar $JAR train $opts --cv 2 --data "$D/$src" --out "$run" > "$run.log" 2>&1
    fi
    for tgt in "${CORPORA[@]}"; do
      [ "$tgt" = "$src" ] && continue
      [ -f "$run/eval-$tgt/report.json" ] || java -jar $JAR evaluate --model "$run/model.onnx" --data "$D/$tgt" --out "$run/eval-$tgt" > /dev/null
    done
  done
done
python3 bench/cross-corpus/summarize.py "$OUT"
