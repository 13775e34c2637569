#!/usr/bin/env bash
# Runs ser4j-spark.jar through spark-submit on a one-machine Spark *standalone cluster* (a master,
# a worker and an executor, each its own JVM), using only the application jar: no Spark
# distribution is needed. It shows what runs on a real cluster: the executor JVM gets its options
# from Spark, the model travels with --files and is found through SparkFiles.
#
#   bash ser-spark/bench/standalone-cluster.sh INPUT_DIR OUTPUT_DIR [MODEL.onnx]
#
# (after `mvn package`). MODEL.onnx defaults to the bundled time model's file. The output is CSV.
set -euo pipefail
cd "$(dirname "$0")/../.."
in=$(realpath "$1"); out=$(realpath -m "$2")
model=${3:-ser-models-bundled/src/main/resources/org/ser4j/models/bundled/time.onnx}
model=$(realpath "$model")
jar=$(realpath ser-spark/target/ser4j-spark.jar)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
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
port=$((20000 + RANDOM % 20000))
java $opens -Xmx512m -cp "$jar" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port $port \
    --webui-port $((port + 1)) > "$work/master.log" 2>&1 &
until grep -q "" <(curl -sf "http://127.0.0.1:$((port + 1))/json/" 2>/dev/null); do sleep 2; done
java $opens -Xmx512m -cp "$jar" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 \
    --memory 2g --webui-port $((port + 2)) --work-dir "$work/worker" spark://127.0.0.1:$port > "$work/worker.log" 2>&1 &
until curl -sf "http://127.0.0.1:$((port + 1))/json/" | grep -q '"aliveworkers" : 1'; do sleep 2; done
set +e
java $opens -Xmx1g -cp "$jar" org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:$port \
    --deploy-mode client --executor-memory 1g --files "$model" --class org.ser4j.spark.app.Ser4jSparkApp "$jar" \
    --input "$in" --output "$out" --format csv --model "$(basename "$model")"
code=$?
echo "executor JVM(s): $(ls "$work/worker"/app-*/ 2>/dev/null | wc -l); spark-submit exit code $code"
exit $code
