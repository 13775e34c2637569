#!/usr/bin/env bash
# Classification speed side by side: `ser4j benchmark classify --model default` and the
# soundfile + librosa + PyTorch pipeline (classify_pipeline.py) on the same files, run
# alternately (ser4j, Python, ser4j, Python, ...) so that both see the same background load.
#
# Usage: bench/python-pipeline/run.sh [FILE...]   (default: the 350 EmoDB clips below)
# Settings (environment):
#   SER4J_JAR          ser4j's jar (default: examples/target/ser4j.jar of this repository)
#   PYTHON             interpreter with torch, soundfile, numpy, scipy (default: /usr/bin/python3)
#   LIBROSA_PYTHONPATH prepended to PYTHONPATH for the Python side (where librosa, and a newer
#                      audioread / soxr, live when they are not installed; default: empty)
#   ROUNDS             rounds (default 3)
#   PY_THREADS         torch threads of the Python throughput run; a comma list runs one Python
#                      line per value in every round (default 2)
#   PY_RUNS, PY_WARMUP, PY_THROUGHPUT_CLIPS   passed to classify_pipeline.py (30, 1, 64)
#   PY_ARGS            extra options for classify_pipeline.py, e.g. "--fftlib numpy" (default: none)
#   SER4J_ARGS         extra options for ser4j's benchmark classify (default: none)
#   PY_MALLOC          allocator of the Python side: tcmalloc (default when installed), glibc, or a
#                      library path to LD_PRELOAD (../py-malloc.sh)
#   DATASET            folder of the default files (default: ../shared/datasets/emodb-16k beside the repository)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SER4J_JAR=${SER4J_JAR:-$ROOT/examples/target/ser4j.jar}
PYTHON=${PYTHON:-/usr/bin/python3}
. "$HERE/../py-malloc.sh"
ROUNDS=${ROUNDS:-3}
PY_THREADS=${PY_THREADS:-2}
PY_RUNS=${PY_RUNS:-30}
PY_WARMUP=${PY_WARMUP:-1}
PY_THROUGHPUT_CLIPS=${PY_THROUGHPUT_CLIPS:-64}
SER4J_ARGS=${SER4J_ARGS:-}
PY_ARGS=${PY_ARGS:-}
DATASET=${DATASET:-$ROOT/../shared/datasets/emodb-16k}
if [ -n "${LIBROSA_PYTHONPATH:-}" ]; then
  export PYTHONPATH="$LIBROSA_PYTHONPATH${PYTHONPATH:+:$PYTHONPATH}"
fi

if [ "$#" -gt 0 ]; then
  FILES=("$@")
else
  shopt -s nullglob
  FILES=("$DATASET"/*.wav)
  shopt -u nullglob
fi
if [ "${#FILES[@]}" -eq 0 ]; then
  echo "no WAV files (give them as arguments, or set DATASET)" >&2
  exit 1
fi
if [ ! -f "$SER4J_JAR" ]; then
  echo "no ser4j jar at $SER4J_JAR: build it first, from the repository root:" >&2
  echo "  mvn -B -q package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true" >&2
  exit 1
fi
if ! "$PYTHON" -B -c 'import librosa, torch, soundfile' 2>/dev/null; then
  echo "$PYTHON cannot import librosa, torch and soundfile: see README.md (LIBROSA_PYTHONPATH)" >&2
  exit 1
fi

# the value of a numeric or string field of a one-line JSON object
field() { sed -n "s/.*\"$2\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<<"$1"; }

TSV=$(mktemp)
trap 'rm -f "$TSV"' EXIT
echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) vCPU"
echo "# java: $(java -version 2>&1 | head -1)"
echo "# Python allocator: $PY_MALLOC_NAME"
echo "# python: $("$PYTHON" -B -c 'import sys, importlib.metadata as md, librosa, torch
def v(name):
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return "?"
print(sys.version.split()[0], "librosa", librosa.__version__, "torch", torch.__version__,
      *(f"{n} {v(n)}" for n in ("numpy", "scipy", "soundfile", "audioread", "soxr")))')"
echo "# files: ${#FILES[@]} (first: ${FILES[0]})"
echo "# load before: $(uptime)"
for r in $(seq 1 "$ROUNDS"); do
  echo "# round $r: ser4j ($(date -u +%H:%M:%S))"
  # shellcheck disable=SC2086
  s=$(java -jar "$SER4J_JAR" benchmark classify --model default $SER4J_ARGS "${FILES[@]}" \
        2> >(grep -v ' INFO ' >&2) | tail -1) || true
  echo "$s"
  s_tp=$(field "$s" clipsPerSecond)
  s_lat=$(field "$s" latencyMsPerClip)
  if [ -z "$s_tp" ]; then echo "ser4j printed no result" >&2; exit 1; fi
  printf 'ser4j\t-\t%s\t%s\t%s\n' "$r" "$s_tp" "$s_lat" >>"$TSV"
  for t in ${PY_THREADS//,/ }; do
    echo "# round $r: python, $t torch threads ($(date -u +%H:%M:%S))"
    # shellcheck disable=SC2086
    p=$(py_run "$PYTHON" -B "$HERE/classify_pipeline.py" --threads "$t" --runs "$PY_RUNS" --warmup "$PY_WARMUP" \
          --throughput-clips "$PY_THROUGHPUT_CLIPS" $PY_ARGS "${FILES[@]}" | tail -1) || true
    echo "$p"
    p_tp=$(field "$p" throughputClipsPerSecond)
    p_lat=$(field "$p" latencyMsMedian)
    if [ -z "$p_tp" ]; then echo "the Python pipeline printed no result" >&2; exit 1; fi
    printf 'python\t%s\t%s\t%s\t%s\n' "$t" "$r" "$p_tp" "$p_lat" >>"$TSV"
    printf '# round %s: throughput ser4j %s / python (torch threads %s) %s clips/s = %.2fx; latency python %s / ser4j %s ms = %.2fx\n' \
      "$r" "$s_tp" "$t" "$p_tp" "$(awk -v a="$s_tp" -v b="$p_tp" 'BEGIN { print a / b }')" \
      "$p_lat" "$s_lat" "$(awk -v a="$p_lat" -v b="$s_lat" 'BEGIN { print a / b }')"
    printf 'ratio\t%s\t%s\t%s\t%s\n' "$t" "$r" "$(awk -v a="$s_tp" -v b="$p_tp" 'BEGIN { print a / b }')" \
      "$(awk -v a="$p_lat" -v b="$s_lat" 'BEGIN { print a / b }')" >>"$TSV"
  done
done
echo "# load after: $(uptime)"
echo "# summary over $ROUNDS rounds, ${#FILES[@]} files: min - max (throughput clips/s | median latency ms)"
awk -F '\t' '
  {
    k = ($1 == "ser4j") ? "ser4j (all cores)" : ($1 == "python") ? "python (torch threads " $2 ")" : "ser4j/python ratio (torch threads " $2 ")"
    v = $4 + 0; l = $5 + 0
    if (!(k in n)) { order[++count] = k; tmin[k] = tmax[k] = v; lmin[k] = lmax[k] = l }
    if (v < tmin[k]) tmin[k] = v; if (v > tmax[k]) tmax[k] = v
    if (l < lmin[k]) lmin[k] = l; if (l > lmax[k]) lmax[k] = l
    n[k]++
  }
  END {
    for (i = 1; i <= count; i++) {
      k = order[i]
      if (index(k, "ratio"))
        printf "%-38s throughput %7.2f - %7.2f x   | latency (python/ser4j) %6.2f - %6.2f x\n", k, tmin[k], tmax[k], lmin[k], lmax[k]
      else
        printf "%-38s throughput %7.2f - %7.2f     | latency %8.3f - %8.3f ms  (%d runs)\n", k, tmin[k], tmax[k], lmin[k], lmax[k], n[k]
    }
  }' "$TSV"
