#!/usr/bin/env bash
# Diagonal-circulant layer (n = 4096, batch 128, float32) forward + backward: robust4j's DC layer
# against robust4j's dense layer and against the PyTorch CPU peer (bench_dc.py), in one run.
#   benchmarks/peer/compare_dc.sh [OUT_DIR]      (MAVEN_ARGS passes e.g. -o -Dmaven.repo.local=...)
# Writes OUT_DIR/jmh-dc.json, OUT_DIR/bench_dc.json and OUT_DIR/compare_dc.json, prints the last.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/benchmarks/target/compare-dc}"
mkdir -p "$out"
(cd "$root" && mvn -B -q ${MAVEN_ARGS:-} -DskipTests install -pl benchmarks -am) >&2
(cd "$root" && mvn -B -q ${MAVEN_ARGS:-} -pl benchmarks exec:exec \
  -Djmh.args="DiagonalCirculantBenchmark -rf json -rff $out/jmh-dc.json") >&2
"${PYTHON:-/usr/bin/python3}" "$here/bench_dc.py" --out "$out/bench_dc.json" >&2
"${PYTHON:-/usr/bin/python3}" - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
jmh = {r["params"]["layer"]: r["primaryMetric"]["score"] for r in json.load(open(os.path.join(out, "jmh-dc.json")))}
peer = json.load(open(os.path.join(out, "bench_dc.json")))
res = {"robust4j_dc_ms": jmh["dc"], "robust4j_dense_ms": jmh["dense"],
       "pytorch_dc_ms": peer["dc_ms"], "pytorch_dense_ms": peer["dense_ms"],
       "dense_over_dc": jmh["dense"] / jmh["dc"], "pytorch_dc_over_robust4j_dc": peer["dc_ms"] / jmh["dc"],
       "pytorch_contended": peer["dc_fwd_bwd"]["contended"] or peer["dense_fwd_bwd"]["contended"],
       "loadavg": os.getloadavg()[0]}
tmp = os.path.join(out, "compare_dc.json.tmp")
with open(tmp, "w") as f:
    json.dump(res, f, indent=2)
os.replace(tmp, os.path.join(out, "compare_dc.json"))
print(json.dumps(res, indent=2))
PY
