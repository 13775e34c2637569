#!/usr/bin/env bash
# ser4j's resampler against librosa's (soxr), end to end: the same recordings classified once
# through ser4j's own resampling and once from soxr's output, and their log-mel features.
#   1. TESS (24,414 Hz): ser4j on the native files against ser4j on soxr 'HQ' 16 kHz copies,
#      which is what librosa.load(path, sr=16000) hands the reference notebook.
#   2. RAVDESS at 48 kHz: every third 16 kHz clip upsampled by soxr 'VHQ' to 48 kHz (a stand-in
#      for the corpus's 48 kHz originals), then classified by ser4j (48 -> 16 kHz inside ser4j)
#      against the 16 kHz clip itself.
#
# Usage: bench/resample-parity/run.sh
# Settings (environment):
#   SER4J_JAR      ser4j's jar (default: examples/target/ser4j.jar of this repository)
#   PYTHON         interpreter with numpy and soundfile (default: /usr/bin/python3)
#   SOXR_PYTHONPATH  prepended to PYTHONPATH when soxr is not installed (default: empty)
#   DATASETS       the corpora (default: ../shared/datasets beside the repository)
#   WORK           scratch folder for the copies and outputs (default: a new temp folder)
#   FEATURE_CLIPS  clips whose features are compared in step 1 (default 40)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SER4J_JAR=${SER4J_JAR:-$ROOT/examples/target/ser4j.jar}
PYTHON=${PYTHON:-/usr/bin/python3}
DATASETS=${DATASETS:-$ROOT/../shared/datasets}
WORK=${WORK:-$(mktemp -d)}
FEATURE_CLIPS=${FEATURE_CLIPS:-40}
if [ -n "${SOXR_PYTHONPATH:-}" ]; then
  export PYTHONPATH="$SOXR_PYTHONPATH${PYTHONPATH:+:$PYTHONPATH}"
fi
ser4j() { java -jar "$SER4J_JAR" "$@"; }
echo "work folder: $WORK"
grep -m1 'model name' /proc/cpuinfo || true

TESS=$DATASETS/tess-oaf-24k
"$PYTHON" "$HERE/make_copies.py" to16k "$TESS" "$WORK/tess-16k"
# copies_of DIR FILE...: the copies in DIR of the given originals (same file names)
copies_of() { local dir=$1; shift; for f in "$@"; do echo "$dir/$(basename "$f")"; done; }
mapfile -t native < "$WORK/tess-16k/sources.txt"
mapfile -t tess_copies < <(copies_of "$WORK/tess-16k" "${native[@]}")
ser4j classify --json "${native[@]}" > "$WORK/tess-native.jsonl"
ser4j classify --json "${tess_copies[@]}" > "$WORK/tess-soxr.jsonl"
ser4j extract-features --out "$WORK/features-native" "${native[@]:0:$FEATURE_CLIPS}" > /dev/null
ser4j extract-features --out "$WORK/features-soxr" "${tess_copies[@]:0:$FEATURE_CLIPS}" > /dev/null
echo "TESS, ser4j's resampler (24,414 -> 16,000 Hz) against soxr HQ copies:"
"$PYTHON" "$HERE/compare.py" "$WORK/tess-native.jsonl" "$WORK/tess-soxr.jsonl" \
  "$WORK/features-native" "$WORK/features-soxr"

RAVDESS=$DATASETS/ravdess-speech-16k
"$PYTHON" "$HERE/make_copies.py" to48k "$RAVDESS" "$WORK/ravdess-48k" 3
mapfile -t originals < "$WORK/ravdess-48k/sources.txt"
ser4j classify --json "${originals[@]}" > "$WORK/ravdess-16k.jsonl"
mapfile -t ravdess_copies < <(copies_of "$WORK/ravdess-48k" "${originals[@]}")
ser4j classify --json "${ravdess_copies[@]}" > "$WORK/ravdess-48k.jsonl"
echo "RAVDESS, the 16 kHz clips against their 48 kHz copies resampled by ser4j:"
"$PYTHON" "$HERE/compare.py" "$WORK/ravdess-16k.jsonl" "$WORK/ravdess-48k.jsonl"
