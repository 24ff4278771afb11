#!/usr/bin/env bash
# Runs the JMH benchmarks: ./benchmarks/run.sh [JMH options, e.g. MatmulBenchmark -p n=256]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl core,backend-nd4j -am
mvn -B -q compile -pl benchmarks
mvn -B -q -pl benchmarks exec:exec -Djmh.args="${*:--f 1 -wi 3 -i 5}"
