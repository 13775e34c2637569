#!/usr/bin/env bash
# Runs ser4j-spark.jar through spark-submit on a one-machine Spark *standalone cluster* (a master,
# a worker and an executor, each its own JVM), using only the application jar: no Spark
# distribution is needed. It shows what runs on a real cluster: the executor JVM gets its options
# from Spark, the model travels with --files and is found through SparkFiles.
#
#   bash ser-spark/bench/standalone-cluster.sh INPUT_DIR OUTPUT_DIR [MODEL.onnx]
#
# (after `mvn package`). MODEL.onnx defaults to the bundled time model's file. The output is CSV.
# On failure the master's and worker's logs are printed and kept.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 INPUT_DIR OUTPUT_DIR [MODEL.onnx]" >&2
  exit 2
fi
# arguments are relative to the caller's folder
in=$(realpath -e "$1"); out=$(realpath -m "$2")
model=${3:+$(realpath -e "$3")}
cd "$(dirname "$0")/../.."
model=${model:-$(realpath -e ser-models-bundled/src/main/resources/org/ser4j/models/bundled/time.onnx)}
jar=ser-spark/target/ser4j-spark.jar
[ -f "$jar" ] || { echo "$jar not found: run mvn package first" >&2; exit 2; }
jar=$(realpath "$jar")
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "${keep:-0}" = 1 ]; then echo "logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() {
  echo "$1" >&2
  for f in "$work"/master.log "$work"/worker.log; do [ -f "$f" ] && { echo "== $f" >&2; tail -n 30 "$f" >&2; }; done
  keep=1
  exit 1
}
# A Spark "home" whose jars/ is the application jar: the worker builds the executor's class path
# from $SPARK_HOME/jars.
mkdir -p "$work/home/jars" && ln -s "$jar" "$work/home/jars/ser4j-spark.jar"
export SPARK_HOME="$work/home" SPARK_SCALA_VERSION=2.13
opens="--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
    sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
# a free port below Linux's ephemeral range, and free ones for the web UIs
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port); ui=$(free_port); wui=$(free_port)
wait_for() { # wait_for PID WHAT COMMAND...: until COMMAND succeeds, the process lives, and 120 s pass
  local pid=$1 what=$2 deadline=$((SECONDS + 120)); shift 2
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || fail "the $what stopped"
    [ $SECONDS -lt $deadline ] || fail "the $what did not come up in 120 s"
    sleep 2
  done
}
java $opens -Xmx512m -cp "$jar" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
    --webui-port "$ui" > "$work/master.log" 2>&1 &
pids+=($!)
wait_for "${pids[0]}" master bash -c "curl -sf http://127.0.0.1:$ui/json/ > /dev/null"
java $opens -Xmx512m -cp "$jar" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 \
    --memory 2g --webui-port "$wui" --work-dir "$work/worker" "spark://127.0.0.1:$port" > "$work/worker.log" 2>&1 &
pids+=($!)
wait_for "${pids[1]}" worker bash -c "curl -sf http://127.0.0.1:$ui/json/ | grep -q '\"aliveworkers\" : 1'"
set +e
java $opens -Xmx1g -cp "$jar" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$port" \
    --deploy-mode client --executor-memory 1g --files "$model" --class org.ser4j.spark.app.Ser4jSparkApp "$jar" \
    --input "$in" --output "$out" --format csv --model "$(basename "$model")"
code=$?
set -e
executors=$(find "$work/worker" -mindepth 2 -maxdepth 2 -type d 2>/dev/null | wc -l)
echo "executor JVM(s) started by the worker: $executors; spark-submit exit code $code"
[ "$code" -le 1 ] || keep=1
exit $code
