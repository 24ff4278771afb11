#!/usr/bin/env python3
"""PyTorch CPU peer of robust4j's benchmark suite: runs one row and writes its result as JSON.
benchmarks/compare.sh calls it once per row, each in its own process.

usage: suite.py --row ROW [--quick] [--fixtures DIR] [--threads 2] --out FILE.json
       suite.py --list
       suite.py --check-blas     (exit status 3 when torch would call the reference BLAS)
Exit status 2 on bad input (unknown row, missing or malformed fixtures).
"""
import argparse
import json
import os
import platform
import resource
import sys
import time

import torch

import rows
import timing
from fixtures import FixtureError, Fixtures


class Context:
    """What a row runs with: quick or full sizes and the fixtures (read on first use)."""

    def __init__(self, quick, fixtures_dir):
        self.quick = quick
        self.mode = "quick" if quick else "full"
        self._dir = fixtures_dir
        self._fixtures = None

    def fixtures(self):
        if self._fixtures is None:
            self._fixtures = Fixtures(self._dir)
        return self._fixtures


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def blas_libraries():
    """The BLAS libraries loaded into this process (torch.mm goes through BLAS; Debian's torch links
    libblas.so.3, whichever alternative is installed: the reference BLAS is many times slower
    than OpenBLAS)."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "/" in line}
    except OSError:
        return []
    return sorted({os.path.realpath(p) for p in paths if "blas" in os.path.basename(p).lower()})


def reference_blas(blas):
    """Debian's netlib libblas3 (its libraries live in a directory named 'blas')."""
    return any(os.path.basename(os.path.dirname(p)) == "blas" for p in blas)


REFERENCE_BLAS_HINT = ("torch calls the reference BLAS (%s); its matrix products are many times slower than "
                       "with OpenBLAS (Debian: apt-get install libopenblas0-pthread)")


def fail(msg):
    print("suite.py: " + msg, file=sys.stderr)
    sys.exit(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--row")
    ap.add_argument("--list", action="store_true", help="print the row names, one a line")
    ap.add_argument("--check-blas", action="store_true", help="print the BLAS torch loaded; exit 3 if the reference one")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--fixtures")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out")
    a = ap.parse_args()
    if a.list:
        print("\n".join(rows.ROWS))
        return
    if a.check_blas:
        blas = blas_libraries()
        print(" ".join(blas) or "no BLAS library loaded")
        if reference_blas(blas):
            print("suite.py: " + REFERENCE_BLAS_HINT % blas[0], file=sys.stderr)
            sys.exit(3)
        return
    if not a.row:
        fail("give --row ROW (or --list)")
    if a.row not in rows.ROWS:
        fail("unknown row %r; rows: %s" % (a.row, ", ".join(rows.ROWS)))
    if not a.out:
        fail("--out FILE is required")
    if a.threads < 1:
        fail("--threads must be positive")
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    blas = blas_libraries()
    if reference_blas(blas):
        print("suite.py: warning: " + REFERENCE_BLAS_HINT % blas[0], file=sys.stderr)
    try:
        r = rows.ROWS[a.row](Context(a.quick, a.fixtures))
    except FixtureError as e:
        fail(str(e))
    out = {"row": a.row, "side": "pytorch", "unit": r["unit"], "higher_is_better": r["higher_is_better"],
           "value": r["value"], "quick": a.quick, "description": r["description"], "params": r["params"],
           "time": r["time"], "check": r["check"],
           "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "meta": {"python": platform.python_version(), "torch": torch.__version__,
                    "threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
                    "cpu": cpu_model(), "blas": blas, "time_utc": started,
                    "quiet_max_other_cores": timing.QUIET_MAX_OTHER}}
    d = os.path.dirname(os.path.abspath(a.out))
    os.makedirs(d, exist_ok=True)
    tmp = "%s.tmp%d" % (a.out, os.getpid())
    with open(tmp, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    os.replace(tmp, a.out)
    t = r["time"]
    print("%s: %.6g %s (median %.4g s, %d/%d clean samples%s)" % (
        a.row, r["value"], r["unit"], t["median_s"], t["clean_samples"], t["samples"],
        ", contended" if t["contended"] else ""))


if __name__ == "__main__":
    main()
