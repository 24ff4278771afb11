#!/usr/bin/env python3
"""Training throughput (samples/s) on random MNIST-shaped data, CPU, torch threads = 2.
A copy of the peer suite's bench_train.py (run it from a copy of /work/shared/peer, next to
common.py) with one more model, (d) sll, the network robust4j builds with
SllNetworks.small(ctx, 1, 28, 10) (`--model sll`), for the side-by-side run with
org.robust4j.layers.onelip.bench.SllThroughputBench:

        (d) sll  PaddingChannels(1->16) -> 4 x SLLConv(16, inner 16, 3x3) -> AvgPool2d(4)*4
                 -> flatten -> 2 x SLLDense(784, inner 512) -> LinearNormalized(784->10)
                 SLL layers as the official code (exp(q) weights, safe inverse), with q_i and
                 q_j on different axes in the conv layer (the official conv code cancels them).

usage: bench_train_sll.py [--out FILE] [--models sll] [--slices 7] [--batches-per-slice 20]

Data: random 1x28x28 inputs ~ U[0,1), labels uniform in 0..9, batch 128,
held in memory (generation not timed).  One step = zero_grad, forward,
cross-entropy (mean), backward, SGD step (lr 0.01, no momentum, no weight
decay).  After `warmup` steps, timed slices of `batches-per-slice` steps are
run until `slices` of them were clean (other processes used <= 0.15 cores
during the slice, from /proc/stat; the script waits for a quiet machine after
a contended slice), at most 3*slices slices or --time-limit seconds;
samples/s per slice = batches*128 / slice wall time; the reported number is
the median over the clean slices (over all slices if none was clean).
Models: (a) cnn  SmallCNN  conv3x3(1->32,pad1) ReLU conv3x3(32->64,stride2,pad1) ReLU
                 flatten linear(12544->10)
        (b) mlp  784-512-512-10 ReLU
        (c) cpl  SpectralNormLinear(784->512) -> 4 x CPL(512) -> RowNormalizedLinear(512->10);
                 every training forward does one power-iteration step per
                 normalised layer (persistent vectors), see common.py.
Prints JSON to stdout (and writes --out if given).
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

import common
from torch import nn


def safe_inv(t):
    inv = 1.0 / t
    return torch.where(t > 0, inv, torch.zeros_like(inv))


class SLLDense(nn.Module):
    def __init__(self, features, inner):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(inner, features))
        nn.init.xavier_normal_(self.weight)
        bound = 1 / features ** 0.5
        self.bias = nn.Parameter(torch.empty(inner).uniform_(-bound, bound))
        self.q = nn.Parameter(torch.randn(inner))

    def forward(self, x):
        W = self.weight
        q = self.q
        t = (torch.abs(W @ W.T) * torch.exp(q[None, :] - q[:, None])).sum(1)
        res = F.relu(F.linear(x, W, self.bias)) * safe_inv(t)
        return x - 2 * F.linear(res, W.T)


class SLLConv(nn.Module):
    def __init__(self, channels, inner, k):
        super().__init__()
        self.kernel = nn.Parameter(torch.empty(inner, channels, k, k))
        nn.init.xavier_normal_(self.kernel)
        bound = 1 / (channels * k * k) ** 0.5
        self.bias = nn.Parameter(torch.empty(inner).uniform_(-bound, bound))
        self.q = nn.Parameter(torch.randn(inner))
        self.k = k

    def forward(self, x):
        K = self.kernel
        q = self.q
        ktk = F.conv2d(K, K, padding=self.k - 1)
        t = (torch.abs(ktk).sum((2, 3)) * torch.exp(q[None, :] - q[:, None])).sum(1)
        res = F.relu(F.conv2d(x, K, self.bias, padding=self.k // 2)) * safe_inv(t)[None, :, None, None]
        return x - 2 * F.conv_transpose2d(res, K, padding=self.k // 2)


class SLLNet(nn.Module):
    def __init__(self, width=16, conv_layers=4, conv_inner=16, dense_layers=2, dense_inner=512):
        super().__init__()
        self.width = width
        self.convs = nn.ModuleList([SLLConv(width, conv_inner, 3) for _ in range(conv_layers)])
        self.pool = nn.AvgPool2d(4, divisor_override=4)
        d = width * 7 * 7
        self.dense = nn.ModuleList([SLLDense(d, dense_inner) for _ in range(dense_layers)])
        self.head = common.RowNormalizedLinear(d, 10)

    def forward(self, x):
        x = F.pad(x, (0, 0, 0, 0, 0, self.width - x.shape[1]))
        for c in self.convs:
            x = c(x)
        x = torch.flatten(self.pool(x), 1)
        for d in self.dense:
            x = d(x)
        return self.head(x)

BATCH = 128


def bench(name, model, batches, warmup, slices, per_slice, lr, time_limit_s):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.0)
    model.train()
    nb = len(batches)
    step = [0]

    def one():
        x, y = batches[step[0] % nb]
        step[0] += 1
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(warmup):
        one()
    rows = []            # (samples/s, other cores, last loss)
    waited = 0.0
    prev_clean = False
    t_start = time.perf_counter()
    with common.CpuMeter() as cm_all:
        while True:
            if not prev_clean:
                w, _ = common.wait_quiet()
                waited += w
            with common.CpuMeter() as cm:
                for _ in range(per_slice):
                    loss = one()
            other = cm.info.get("other_procs_cores_avg", 0.0)
            rows.append((per_slice * BATCH / cm.info["wall_s"], other, float(loss)))
            prev_clean = other <= common.QUIET_MAX_OTHER
            n_clean = sum(1 for r in rows if r[1] <= common.QUIET_MAX_OTHER)
            if n_clean >= slices or len(rows) >= 3 * slices:
                break
            if time.perf_counter() - t_start > time_limit_s and len(rows) >= slices:
                break
    clean = [r[0] for r in rows if r[1] <= common.QUIET_MAX_OTHER]
    allr = [r[0] for r in rows]
    med = statistics.median(clean if clean else allr)
    n_params = sum(p.numel() for p in model.parameters())
    return {
        "model": name,
        "params": n_params,
        "samples_per_s_median": med,
        "ms_per_step_median": 1000.0 * BATCH / med,
        "clean_slices": len(clean),
        "slices_run": len(rows),
        "contended": len(clean) < slices,
        "samples_per_s_clean_slices": clean,
        "samples_per_s_all_slices": allr,
        "samples_per_s_max": max(allr),
        "other_cores_per_slice": [round(r[1], 3) for r in rows],
        "loss_last_per_slice": [r[2] for r in rows],
        "waited_for_quiet_s": round(waited, 2),
        "cpu": cm_all.info,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=None)
    ap.add_argument("--models", default="sll")
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--slices", type=int, default=7)
    ap.add_argument("--batches-per-slice", type=int, default=20)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--threads", type=int, default=common.THREADS)
    ap.add_argument("--time-limit", type=float, default=240.0, help="seconds per model before giving up on clean slices")
    args = ap.parse_args()
    common.setup_threads(args.threads)
    g = torch.Generator().manual_seed(common.SEED + 7)
    nb = args.batches_per_slice
    batches = [(torch.rand(BATCH, 1, 28, 28, generator=g),
                torch.randint(0, 10, (BATCH,), generator=g)) for _ in range(nb)]
    ctor = {"cnn": common.SmallCNN, "mlp": common.MLP, "cpl": common.CPLNet, "sll": SLLNet}
    out = {"meta": common.environment(),
           "settings": {"batch": BATCH, "optimizer": "SGD lr=%g momentum=0" % args.lr,
                        "loss": "cross_entropy(mean)", "warmup_steps": args.warmup,
                        "slices": args.slices, "batches_per_slice": nb,
                        "statistic": "median of samples/s over clean slices (other processes used <= %.2f cores "
                                     "during the slice); the script waits for a quiet machine after a contended slice"
                                     % common.QUIET_MAX_OTHER,
                        "data": "random U[0,1) 1x28x28, random labels, %d distinct batches cycled" % nb},
           "description": __doc__, "results": []}
    for name in args.models.split(","):
        torch.manual_seed(common.SEED + 11)
        r = bench(name, ctor[name](), batches, args.warmup, args.slices, nb, args.lr, args.time_limit)
        out["results"].append(r)
    if args.out:
        common.write_json(args.out, out)
    print(json.dumps(out["results"] if not args.out else
                     [{k: r[k] for k in ("model", "params", "samples_per_s_median", "ms_per_step_median",
                                         "clean_slices", "slices_run", "contended")}
                      for r in out["results"]], indent=1))


if __name__ == "__main__":
    main()
