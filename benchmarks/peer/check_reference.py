#!/usr/bin/env python3
"""Runs the peer's attacks next to the reference implementations on the fixtures' CNN and images:
our pgd-linf vs torchattacks PGD, our pgd-l2 vs torchattacks PGDL2, our apgd-ce vs AutoAttack's
APGDAttack(norm='Linf', eps=0.1, n_iter=100, n_restarts=1, loss='ce', seed=0), all in batches
of 128 and from the same generator state. Prints each side's robust accuracy, whether the
adversarial images are identical, and the median seconds of interleaved calls with their ratio.

usage: check_reference.py --reference-dir DIR --fixtures DIR [--images 500] [--repeats 3] [--threads 2]

DIR holds the reference sources, extracted from their repositories, e.g.
  git --git-dir=<auto-attack> show HEAD:autoattack/autopgd_base.py > DIR/autoattack/autopgd_base.py
  (also autoattack/other_utils.py, autoattack/checks.py), and from adversarial-attacks-pytorch
  torchattacks/attack.py, torchattacks/attacks/pgd.py, torchattacks/attacks/pgdl2.py.
Only these files are imported: the packages' __init__.py would import every other attack.
"""
import argparse
import importlib
import os
import statistics
import sys
import types

import torch

import attacks
import timing
from fixtures import FixtureError, Fixtures

BATCH = 128


def import_reference(ref_dir, package, module):
    """Imports package.module from ref_dir without running the package's __init__.py."""
    parts = package.split(".")
    for i in range(len(parts)):
        name = ".".join(parts[:i + 1])
        if name not in sys.modules:
            pkg = types.ModuleType(name)
            pkg.__path__ = [os.path.join(ref_dir, *parts[:i + 1])]
            sys.modules[name] = pkg
    return importlib.import_module(package + "." + module)


def reference_attacks(ref_dir, model, steps_apgd):
    pgd = import_reference(ref_dir, "torchattacks.attacks", "pgd").PGD
    pgdl2 = import_reference(ref_dir, "torchattacks.attacks", "pgdl2").PGDL2
    apgd = import_reference(ref_dir, "autoattack", "autopgd_base").APGDAttack
    ref_linf = pgd(model, eps=0.1, alpha=0.025, steps=10, random_start=True)
    ref_l2 = pgdl2(model, eps=1.5, alpha=0.375, steps=10, random_start=True)
    ref_apgd = apgd(model, norm="Linf", eps=0.1, n_iter=steps_apgd, n_restarts=1, loss="ce", seed=0,
                    device=torch.device("cpu"))
    return {
        "pgd-linf": (lambda m, x, y: ref_linf(x, y), lambda m, x, y: attacks.pgd_linf(m, x, y, 0.1, 0.025, 10)),
        "pgd-l2": (lambda m, x, y: ref_l2(x, y), lambda m, x, y: attacks.pgd_l2(m, x, y, 1.5, 0.375, 10)),
        "apgd-ce": (lambda m, x, y: ref_apgd.perturb(x, y),
                    lambda m, x, y: attacks.apgd_ce(m, x, y, 0.1, n_iter=steps_apgd, restarts=1, rho=0.75, seed=0)),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference-dir", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--images", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", help="comma-separated subset of pgd-linf,pgd-l2,apgd-ce")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    try:
        fx = Fixtures(a.fixtures)
        model = fx.small_cnn()
        x, y = fx.tensor("images")[:a.images].contiguous(), fx.tensor("labels")[:a.images].contiguous()
    except FixtureError as e:
        print("check_reference.py: " + str(e), file=sys.stderr)
        sys.exit(2)
    try:
        pairs = reference_attacks(a.reference_dir, model, 100)
    except ImportError as e:
        print("check_reference.py: cannot import the reference sources from %s: %s" % (a.reference_dir, e),
              file=sys.stderr)
        sys.exit(2)
    with torch.no_grad():
        clean = (model(x).argmax(1) == y).float().mean().item()
    print("%d images, clean accuracy %.4f, torch %s, %d threads" % (x.shape[0], clean, torch.__version__, a.threads))
    names = a.only.split(",") if a.only else list(pairs)
    for name in names:
        ref_fn, our_fn = pairs[name]
        calls = {side: (lambda f=f: attacks.attack_in_batches(f, model, x, y, BATCH))
                 for side, f in (("reference", ref_fn), ("ours", our_fn))}
        # same generator state before each side's first call: identical random starts
        adv = {}
        for side, call in calls.items():
            torch.manual_seed(20240601)
            adv[side] = call()
        with torch.no_grad():
            acc = {s: (model(v).argmax(1) == y).float().mean().item() for s, v in adv.items()}
        diff = float((adv["reference"] - adv["ours"]).abs().max())
        # interleaved timing, alternating which side goes first; a wait for a quiet machine before each call
        secs = {s: [] for s in calls}
        others = {s: [] for s in calls}
        for r in range(a.repeats):
            order = list(calls) if r % 2 == 0 else list(calls)[::-1]
            for side in order:
                timing.wait_quiet(timing.MAX_WAIT_S)
                with timing.Meter() as m:
                    calls[side]()
                secs[side].append(m.wall_s)
                others[side].append(round(m.other, 2))
        med = {s: statistics.median(v) for s, v in secs.items()}
        print("%-9s robust accuracy reference %.4f, ours %.4f; max |adv_ref - adv_ours| %.3g" % (
            name, acc["reference"], acc["ours"], diff))
        for s in calls:
            print("          %-9s median %.3f s over %d calls (%s s), other cores %s" % (
                s, med[s], len(secs[s]), ", ".join("%.3f" % v for v in secs[s]), others[s]))
        print("          time ratio ours / reference = %.3f" % (med["ours"] / med["reference"]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
