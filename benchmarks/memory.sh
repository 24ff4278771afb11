#!/usr/bin/env bash
# Resident memory of a training loop over 20 batch sizes (MemoryPlateau), measured by the kernel
# and by /usr/bin/time -v: ./benchmarks/memory.sh [STEPS [BACKEND]]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl core,backend-nd4j,layers -am
mvn -B -q compile -pl benchmarks
# The class path goes through a file: Maven's console output carries colour codes even with -B.
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$cp_file"
cp="benchmarks/target/classes:$(cat "$cp_file")"
time_v=()
if [ -x /usr/bin/time ]; then time_v=(/usr/bin/time -v); fi
"${time_v[@]}" java -cp "$cp" org.robust4j.benchmarks.memory.MemoryPlateau "${1:-1000}" "${2:-nd4j}" 2>&1 \
  | grep -v -E '^\s+(Average|Exit|File|Involuntary|Major|Minor|Page|Percent|Signals|Socket|Swaps|System|User|Voluntary|Command)'
