#!/usr/bin/env bash
# Side-by-side training speed: ser4j's `benchmark train` and the same models in libtorch, run
# alternately (A B A B A B) so that both see the same background load.
# Each round runs, per batch size, ser4j then libtorch, each in a fresh JVM.
# Settings (environment): SER4J_JAR, MODEL (mel), BATCHES (64,1024), THREADS (2),
# SECONDS_PER_RUN (20: minimum timed seconds per run), SECONDS_LARGE (seconds for batches >= 512,
# default SECONDS_PER_RUN; raise it so that ser4j also gets >= 3 timed steps there; libtorch always
# runs >= 3), ROUNDS (3), CHECK (1: first run the libtorch --check, parameter counts and falling loss),
# PYTORCH (auto: also Python PyTorch, pytorch_train.py, when $PYTHON imports torch; 0 = no, 1 = required),
# PYTHON (/usr/bin/python3: Debian 12's python3-torch is PyTorch 1.13.1, the issue's reference),
# LIBTORCH (1; 0 skips the libtorch program and its build),
# PY_MALLOC (the allocator Python PyTorch runs with: tcmalloc (default when libtcmalloc_minimal.so.4
# is installed: PyTorch CPU training is up to 6x faster with it on hosts where fresh pages are dear,
# see README), glibc, or a library path to LD_PRELOAD).
set -euo pipefail
cd "$(dirname "$0")"
SER4J_JAR=${SER4J_JAR:-../../examples/target/ser4j.jar}
MODEL=${MODEL:-mel}
BATCHES=${BATCHES:-64,1024}
THREADS=${THREADS:-2}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-20}
SECONDS_LARGE=${SECONDS_LARGE:-$SECONDS_PER_RUN}
ROUNDS=${ROUNDS:-3}
CHECK=${CHECK:-1}
PYTORCH=${PYTORCH:-auto}
PYTHON=${PYTHON:-/usr/bin/python3}
. ../py-malloc.sh
LIBTORCH=${LIBTORCH:-1}
if [ "$PYTORCH" = auto ]; then
  if "$PYTHON" -c 'import torch' 2>/dev/null; then PYTORCH=1; else PYTORCH=0; fi
fi
if [ ! -f "$SER4J_JAR" ]; then
  echo "no ser4j jar at $SER4J_JAR: build it first, from the repository root:" >&2
  echo "  mvn -B -q package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true" >&2
  exit 1
fi
# the first build downloads libtorch (~85 MB jar, ~340 MB unpacked into ~/.javacpp/cache)
if [ "$LIBTORCH" = 1 ]; then mvn -B -q package; fi
TORCH_JAR=target/torch-side-by-side.jar
# JavaCPP would otherwise count libtorch's own allocations against a limit derived from -Xmx
TORCH_JAVA_OPTS=${TORCH_JAVA_OPTS:--Dorg.bytedeco.javacpp.maxPhysicalBytes=0}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
if [ "$CHECK" = 1 ] && [ "$LIBTORCH" = 1 ]; then
  # shellcheck disable=SC2086
  java $TORCH_JAVA_OPTS -jar "$TORCH_JAR" --check --model "$MODEL" --threads "$THREADS"
fi
if [ "$CHECK" = 1 ] && [ "$PYTORCH" = 1 ]; then
  py_run "$PYTHON" pytorch_train.py --check --model "$MODEL" --threads "$THREADS"
fi
echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) vCPU"
echo "# load before: $(uptime)"
echo "# Python PyTorch allocator: $PY_MALLOC_NAME"
for r in $(seq 1 "$ROUNDS"); do
  for batch in ${BATCHES//,/ }; do
    secs=$SECONDS_PER_RUN
    if [ "$batch" -ge 512 ]; then secs=$SECONDS_LARGE; fi
    echo "# round $r, batch $batch: ser4j ($(date -u +%H:%M:%S))"
    java -jar "$SER4J_JAR" benchmark train --model "$MODEL" --batch "$batch" --threads "$THREADS" \
      --seconds "$secs" 2> >(grep -v ' INFO ' >&2) | tee -a "$OUT"
    if [ "$LIBTORCH" = 1 ]; then
      echo "# round $r, batch $batch: libtorch ($(date -u +%H:%M:%S))"
      # shellcheck disable=SC2086
      java $TORCH_JAVA_OPTS -jar "$TORCH_JAR" --model "$MODEL" --batch "$batch" --threads "$THREADS" \
        --seconds "$secs" | tee -a "$OUT"
    fi
    if [ "$PYTORCH" = 1 ]; then
      echo "# round $r, batch $batch: Python PyTorch ($(date -u +%H:%M:%S))"
      py_run "$PYTHON" pytorch_train.py --model "$MODEL" --batch "$batch" --threads "$THREADS" \
        --seconds "$secs" | tee -a "$OUT"
    fi
  done
done
echo "# load after: $(uptime)"
echo "# summary: samples/s, min - max over $ROUNDS rounds (>= $SECONDS_PER_RUN s per run, $SECONDS_LARGE s at batch >= 512; $THREADS threads)"
awk '
  function get(line, key,   s) {
    s = line
    if (!sub(".*\"" key "\":\"?", "", s)) return ""
    sub("[\",}].*", "", s)
    return s
  }
  /^\{/ {
    fw = index($0, "\"framework\":\"libtorch") ? "libtorch" : index($0, "\"framework\":\"PyTorch") ? "PyTorch" : "ser4j"
    k = fw " " get($0, "model") " batch " get($0, "batch")
    v = get($0, "samplesPerSecond") + 0
    if (!(k in min) || v < min[k]) min[k] = v
    if (!(k in max) || v > max[k]) max[k] = v
    n[k]++
    if (!(k in seen)) { seen[k] = 1; order[++count] = k }
  }
  END {
    for (i = 1; i <= count; i++) {
      k = order[i]
      printf "%-28s %8.1f - %8.1f  (%d runs)\n", k, min[k], max[k], n[k]
    }
  }' "$OUT" | sort
