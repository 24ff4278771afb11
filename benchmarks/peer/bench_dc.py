"""PyTorch CPU peer of robust4j's DiagonalCirculantBenchmark: forward + backward of one
diagonal-circulant layer y = d * IFFT(FFT(c) * FFT(x)) + b (real FFTs, torch.fft.rfft/irfft,
first-column convention) with n = 4096 and batch 128 in float32, gradients to x, c, d and b;
and the same for a dense nn.Linear(n, n) layer. Wall time per call via the peer suite's
contention-gated time_fn (median over clean samples); 2 intra-op threads by default.

Usage: python3 bench_dc.py [--n 4096] [--batch 128] [--threads 2] [--peer-dir /work/shared/peer] [--out bench_dc.json]
"""
import argparse
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=4096)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--peer-dir", default="/work/shared/peer")
    ap.add_argument("--out", default="bench_dc.json")
    a = ap.parse_args()
    if a.n < 1 or a.batch < 1:
        print("bench_dc.py: --n and --batch must be positive", file=sys.stderr)
        sys.exit(2)
    sys.path.insert(0, a.peer_dir)
    import common  # the peer suite's timing and environment helpers
    import torch

    common.setup_threads(a.threads)
    g = torch.Generator().manual_seed(common.SEED)
    n, batch = a.n, a.batch
    x = torch.randn(batch, n, generator=g).requires_grad_(True)
    gy = torch.randn(batch, n, generator=g)
    c = (torch.randn(n, generator=g) * (2.0 / n) ** 0.5).requires_grad_(True)
    d = (torch.randint(0, 2, (n,), generator=g).float() * 2 - 1).requires_grad_(True)
    b = torch.zeros(n).requires_grad_(True)
    dense = torch.nn.Linear(n, n)

    def dc_step():
        for t in (x, c, d, b):
            t.grad = None
        y = torch.fft.irfft(torch.fft.rfft(c) * torch.fft.rfft(x), n=n) * d + b
        y.backward(gy)

    def dense_step():
        x.grad = None
        dense.zero_grad(set_to_none=True)
        dense(x).backward(gy)

    # Correctness of the peer layer itself: against the explicit circulant matrix C[j,k] = c[(j-k) mod n].
    with torch.no_grad():
        m = 64
        cs = torch.randn(m, dtype=torch.float64, generator=g)
        xs = torch.randn(3, m, dtype=torch.float64, generator=g)
        idx = (torch.arange(m)[:, None] - torch.arange(m)[None, :]) % m
        want = xs @ cs[idx].T
        got = torch.fft.irfft(torch.fft.rfft(cs) * torch.fft.rfft(xs), n=m)
        err = float((want - got).abs().max())
        if err > 1e-10:
            raise SystemExit("bench_dc.py: peer circulant product is wrong (max error %g)" % err)

    res = {"description": __doc__, "n": n, "batch": batch, "environment": common.environment(),
           "peer_check_max_error": err,
           "dc_fwd_bwd": common.time_fn(dc_step), "dense_fwd_bwd": common.time_fn(dense_step)}
    res["dc_ms"] = res["dc_fwd_bwd"]["median_s"] * 1e3
    res["dense_ms"] = res["dense_fwd_bwd"]["median_s"] * 1e3
    common.write_json(a.out, res)
    print(json.dumps({"dc_ms": res["dc_ms"], "dense_ms": res["dense_ms"],
                      "dc_contended": res["dc_fwd_bwd"]["contended"],
                      "dense_contended": res["dense_fwd_bwd"]["contended"]}))


if __name__ == "__main__":
    main()
