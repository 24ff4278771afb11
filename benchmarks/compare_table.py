#!/usr/bin/env python3
"""Merges one compare.sh run (ROW.robust4j.json, ROW.pytorch.json per row) into the suite's JSON
and Markdown table: value on each side, the ratio (above 1 means robust4j is faster), each side's
peak resident memory, whether each side's samples were taken on a quiet machine, and the numbers
that show both sides computed the same thing."""
import argparse
import glob
import json
import os
import platform
import time


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def best_round(run_dir, name, side):
    """The side's best round of the row (highest value, or lowest where lower is better), with every
    round's value and the largest peak resident set of all rounds; None when no round ran."""
    runs = [r for r in (load(p) for p in sorted(glob.glob(os.path.join(run_dir, "%s.%s.*.json" % (name, side)))))
            if r is not None]
    if not runs:
        return None
    pick = max if runs[0]["higher_is_better"] else min
    best = dict(pick(runs, key=lambda r: r["value"]))
    best["rounds"] = [r["value"] for r in runs]
    best["rounds_contended"] = [r["time"]["contended"] for r in runs]
    best["peak_rss_mib"] = max(r["peak_rss_mib"] for r in runs)
    return best


def ratio(row, ours, theirs):
    if not ours or not theirs or not ours["value"] or not theirs["value"]:
        return None
    if row["higher_is_better"]:
        return ours["value"] / theirs["value"]
    return theirs["value"] / ours["value"]


def quiet(side):
    if side is None:
        return "—"
    t = side["time"]
    mark = "quiet" if not t["contended"] else "**contended**"
    spread = ""
    if len(side["rounds"]) > 1:
        spread = ", rounds %s" % "/".join(number(v) for v in side["rounds"])
    return "%s (%d/%d%s)" % (mark, t["clean_samples"], t["samples"], spread)


def number(v):
    if v is None:
        return "—"
    if v >= 100:
        return "{:,.0f}".format(v).replace(",", " ")
    if v >= 10:
        return "%.1f" % v
    return "%.3g" % v


def check_text(name, ours, theirs, peak):
    def c(side, key):
        return None if side is None else side["check"].get(key)
    if name.startswith(("pgd", "apgd")):
        return "robust acc %s / %s (clean %s)" % (fmt(c(ours, "robust_accuracy")), fmt(c(theirs, "robust_accuracy")),
                                                  fmt(c(ours, "clean_accuracy")))
    if name.startswith(("gram", "exact", "power")):
        return "σ %s / %s" % (fmt(c(ours, "sigma"), 7), fmt(c(theirs, "sigma"), 7))
    if name.startswith("gemm") and peak:
        return "%s / %s of the FMA peak" % tuple(
            "—" if s is None else "%.0f%%" % (100 * s["value"] / peak) for s in (ours, theirs))
    if name == "certify-cohen":
        return "abstained %s / %s" % (c(ours, "abstained"), c(theirs, "abstained"))
    if name in ("dc-4096", "conv2d"):
        return "Σ grad² %s / %s" % (fmt(c(ours, "input_grad_sum_squares"), 6), fmt(c(theirs, "input_grad_sum_squares"), 6))
    if name.startswith("train"):
        return "loss %s / %s" % (fmt(c(ours, "last_loss")), fmt(c(theirs, "last_loss")))
    return ""


def fmt(v, digits=3):
    if v is None:
        return "—"
    if isinstance(v, float):
        return ("%%.%dg" % digits) % v
    return str(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--run-dir", required=True)
    ap.add_argument("--rows", required=True, help="comma-separated, in table order")
    ap.add_argument("--backend", default="nd4j")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", required=True)
    ap.add_argument("--markdown", required=True)
    a = ap.parse_args()
    rows = []
    for name in a.rows.split(","):
        ours = best_round(a.run_dir, name, "robust4j")
        theirs = best_round(a.run_dir, name, "pytorch")
        ref = ours or theirs
        rows.append({"row": name, "unit": ref["unit"] if ref else None,
                     "higher_is_better": ref["higher_is_better"] if ref else None,
                     "description": ours["description"] if ours else (theirs or {}).get("description"),
                     "robust4j": ours, "pytorch": theirs,
                     "ratio": ratio(ref, ours, theirs) if ref else None})
    peak = next((r["robust4j"]["value"] for r in rows if r["row"] == "fma-peak" and r["robust4j"]), None)
    torch_meta = next((r["pytorch"]["meta"] for r in rows if r["pytorch"]), {})
    java_meta = next((r["robust4j"]["meta"] for r in rows if r["robust4j"]), {})
    meta = {"date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "host": platform.node(),
            "cpu": torch_meta.get("cpu") or platform.processor() or "unknown", "cores": os.cpu_count(), "threads_per_side": 2, "backend": a.backend,
            "quick": a.quick, "java": java_meta.get("java"), "robust4j_backend": java_meta.get("backend_info"),
            "torch": torch_meta.get("torch"), "torch_blas": torch_meta.get("blas"), "python": torch_meta.get("python"),
            "run_dir": a.run_dir}
    out = {"meta": meta, "rows": rows}
    tmp = a.json + ".tmp"
    with open(tmp, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    os.replace(tmp, a.json)

    lines = ["# robust4j vs PyTorch, %s" % meta["date_utc"], "",
             "%s, %s cores, 2 threads per side; robust4j %s backend (Java %s), PyTorch %s (BLAS: %s); %s run." % (
                 meta["cpu"], meta["cores"], a.backend, meta["java"], meta["torch"],
                 ", ".join(os.path.basename(p) for p in meta["torch_blas"] or []) or "unknown",
                 "quick" if a.quick else "full"),
             "Ratio above 1: robust4j is faster. Each sample is timed while watching the CPU that other processes",
             "use; \"quiet (k/n)\": k of n samples of the best round were quiet, the median is over those; a contended",
             "figure is marked. Each side ran every row in rounds (ABBA order); the best round is shown, then all rounds.",
             "", "| row | unit | robust4j | PyTorch | ratio | peak MiB robust4j / PyTorch | samples robust4j / PyTorch | check robust4j / PyTorch |",
             "|---|---|---:|---:|---:|---|---|---|"]
    for r in rows:
        o, t = r["robust4j"], r["pytorch"]
        lines.append("| %s | %s | %s | %s | %s | %s / %s | %s / %s | %s |" % (
            r["row"], r["unit"] or "", number(o and o["value"]), number(t and t["value"]),
            "—" if r["ratio"] is None else "%.2f×" % r["ratio"],
            number(o and o["peak_rss_mib"]), number(t and t["peak_rss_mib"]), quiet(o), quiet(t),
            check_text(r["row"], o, t, peak)))
    lines += ["", "Rows:", ""] + ["- `%s`: %s" % (r["row"], r["description"]) for r in rows if r["description"]]
    tmp = a.markdown + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, a.markdown)


if __name__ == "__main__":
    main()
