#!/usr/bin/env bash
# One benchmark suite: robust4j against the PyTorch CPU peer, row by row in the same run.
#   benchmarks/compare.sh [--quick] [--backend nd4j|opencl] [--only ROW,...] [--rounds N] [--list]
# Each row runs in its own process on each side (so each side's peak resident memory is its own),
# the two sides back to back in N rounds (default 2) in the order ABBA..., and each side's best
# round is reported: on a virtual machine, neighbours the in-VM quiet gate cannot see slow a whole
# run (the same row varied up to 3x between two quiet runs). Both use 2 threads. Writes
# benchmarks/results/<date>-<host>.json and .md (-partial with --only); per-row JSON and logs under benchmarks/target/compare/.
# Needs /usr/bin/python3 with PyTorch and OpenBLAS (Debian: apt-get install python3-torch
# libopenblas0-pthread; without OpenBLAS, Debian's torch runs on the reference BLAS, 30x slower).
# MAVEN_ARGS passes options to Maven (e.g. -o).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=() backend=nd4j only="" list=0 rounds=2
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick) ;;
    --backend) [ $# -ge 2 ] || usage; backend="$2"; shift ;;
    --backend=*) backend="${1#*=}" ;;
    --only) [ $# -ge 2 ] || usage; only="$2"; shift ;;
    --only=*) only="${1#*=}" ;;
    --rounds) [ $# -ge 2 ] || usage; rounds="$2"; shift ;;
    --rounds=*) rounds="${1#*=}" ;;
    --list) list=1 ;;
    -h|--help) usage ;;
    *) echo "compare.sh: unknown argument '$1'" >&2; usage ;;
  esac
  shift
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --rounds must be a positive integer, got '$rounds'" >&2; exit 2; }
case "$backend" in nd4j|opencl) ;; *) echo "compare.sh: --backend must be nd4j or opencl, got '$backend'" >&2; exit 2 ;; esac
python="${PYTHON:-/usr/bin/python3}"
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "compare.sh: the PyTorch peer needs $python with PyTorch (Debian: apt-get install python3-torch)" >&2
  exit 2
fi
if ! "$python" "$root/benchmarks/peer/suite.py" --check-blas >/dev/null; then
  echo "compare.sh: refusing to compare against a PyTorch crippled by the reference BLAS (set" \
       "PEER_ALLOW_REFERENCE_BLAS=1 to run anyway)" >&2
  [ "${PEER_ALLOW_REFERENCE_BLAS:-0}" = 1 ] || exit 2
fi

work="$root/benchmarks/target/compare"
mkdir -p "$work"
echo "building robust4j ..." >&2
mvn -B -q ${MAVEN_ARGS:-} install -DskipTests -pl benchmarks -am >&2
cp_file="$work/classpath.txt"
mvn -B -q ${MAVEN_ARGS:-} -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 MKL_NUM_THREADS=2
java_side() {
  java --add-modules jdk.incubator.vector -Xmx6g -cp "$root/benchmarks/target/classes:$(cat "$cp_file")" \
    org.robust4j.benchmarks.compare.CompareMain "$@" 2> >(grep -v 'Using incubator modules' >&2)
}
peer_side() { "$python" "$root/benchmarks/peer/suite.py" "$@"; }

mapfile -t all_rows < <(java_side list | cut -f1)
mapfile -t peer_rows < <(peer_side --list)
if [ "$list" = 1 ]; then printf '%s\n' "${all_rows[@]}"; exit 0; fi
rows=("${all_rows[@]}")
if [ -n "$only" ]; then
  IFS=, read -r -a rows <<< "$only"
  for r in "${rows[@]}"; do
    printf '%s\n' "${all_rows[@]}" | grep -qx -- "$r" \
      || { echo "compare.sh: unknown row '$r'; rows: ${all_rows[*]}" >&2; exit 2; }
  done
fi

fixtures="$work/fixtures"
if ! "$python" -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["format"] == 1 else 1)' \
    "$fixtures/manifest.json" 2>/dev/null; then
  echo "writing fixtures (trains the small CNN, about a minute) ..." >&2
  java_side prepare "$fixtures" >&2
fi

stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
run_dir="$work/$stamp"
mkdir -p "$run_dir"
failed=0
i=0
for r in "${rows[@]}"; do
  i=$((i + 1))
  for ((round = 1; round <= rounds; round++)); do
    sides=(robust4j pytorch)
    if [ $(((i + round) % 2)) = 1 ]; then sides=(pytorch robust4j); fi
    for side in "${sides[@]}"; do
      out="$run_dir/$r.$side.$round.json" log="$run_dir/$r.$side.$round.log"
      if [ "$side" = robust4j ]; then
        echo "[$i/${#rows[@]}] $r, round $round: robust4j ($backend)" >&2
        java_side run --row "$r" "${quick[@]}" --backend "$backend" --fixtures "$fixtures" --out "$out" >"$log" 2>&1 \
          || { echo "  robust4j side failed, see $log" >&2; failed=1; }
      elif printf '%s\n' "${peer_rows[@]}" | grep -qx -- "$r"; then
        echo "[$i/${#rows[@]}] $r, round $round: pytorch" >&2
        peer_side --row "$r" "${quick[@]}" --threads 2 --fixtures "$fixtures" --out "$out" >"$log" 2>&1 \
          || { echo "  pytorch side failed, see $log" >&2; failed=1; }
      fi
    done
  done
done

mkdir -p "$root/benchmarks/results"
base="$root/benchmarks/results/$(date -u +%Y-%m-%d)-$(hostname -s)"
if [ -n "$only" ]; then base="$base-partial"; fi   # a run of some rows does not replace the day's table
"$python" "$root/benchmarks/compare_table.py" --run-dir "$run_dir" --backend "$backend" "${quick[@]}" \
  --rows "$(IFS=,; echo "${rows[*]}")" --json "$base.json" --markdown "$base.md"
cat "$base.md"
exit $failed
