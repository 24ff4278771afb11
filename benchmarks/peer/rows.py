"""The rows of the comparison, PyTorch side: each builds its workload (untimed), runs it once
for its check, times it, and returns the row's result. Names, parameters and check keys are those
of robust4j's benchmarks/compare rows (Rows.java)."""
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import attacks
import certify
import models
import spectral
from fixtures import FixtureError
from timing import time_calls, time_each

SEED = 20240601
BATCH = 128


def _result(unit, higher_is_better, value, params, timing, check, description):
    return {"unit": unit, "higher_is_better": higher_is_better, "value": value, "params": params,
            "time": timing, "check": check, "description": description}


def _timed_once(fn):
    """(fn(), seconds): a first call, used as the timing's warm-up."""
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


# ----------------------------------------------------------------------------- training

def training(model_class, description):
    def run(ctx):
        torch.manual_seed(SEED + 11)
        model = model_class()
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.0)
        g = torch.Generator().manual_seed(SEED + 7)
        batches = [(torch.rand(BATCH, 1, 28, 28, generator=g), torch.randint(0, 10, (BATCH,), generator=g))
                   for _ in range(4)]            # cycled, as robust4j's TrainingRow
        state = {"steps": 0, "loss": math.nan}

        def step():
            x, y = batches[state["steps"] % len(batches)]
            state["steps"] += 1
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            state["loss"] = float(loss)

        t = time_calls(step, ctx.mode)
        if not math.isfinite(state["loss"]):
            raise RuntimeError("training loss is not finite after %d steps" % state["steps"])
        params = {"batch": BATCH, "optimizer": "sgd lr 0.01",
                  "parameters": sum(p.numel() for p in model.parameters())}
        return _result("samples/s", True, BATCH / t["median_s"], params, t,
                       {"last_loss": state["loss"], "steps": state["steps"]}, description)
    return run


# ----------------------------------------------------------------------------- attacks

def _predict(model, x):
    """Predicted classes, in the attacks' batches (the result of a forward may depend on the batch size)."""
    with torch.no_grad():
        return torch.cat([model(x[i:i + BATCH]).argmax(1) for i in range(0, x.shape[0], BATCH)])


def attack(norm, eps, step, steps, description):
    """An attack on the fixtures' CNN: one call attacks the first 256 (quick) / 500 test images in
    batches of 128; images/s = images / seconds per call."""
    if step is None:
        fn = lambda m, x, y: attacks.apgd_ce(m, x, y, eps, n_iter=steps, restarts=1, rho=0.75, seed=0)
    elif norm == "linf":
        fn = lambda m, x, y: attacks.pgd_linf(m, x, y, eps, step, steps)
    else:
        fn = lambda m, x, y: attacks.pgd_l2(m, x, y, eps, step, steps)

    def run(ctx):
        fx = ctx.fixtures()
        model = fx.small_cnn()
        n = 256 if ctx.quick else 500
        images, labels = fx.tensor("images"), fx.tensor("labels")
        if images.shape[0] < n or labels.shape[0] < n:
            raise FixtureError("the attack rows need %d images and labels, the fixtures hold %d" % (n, images.shape[0]))
        x, y = images[:n].contiguous(), labels[:n].contiguous()
        call = lambda: attacks.attack_in_batches(fn, model, x, y, BATCH)
        torch.manual_seed(SEED + 23)
        adv, first_s = _timed_once(call)
        clean = int((_predict(model, x) == y).sum()) / n
        robust = int((_predict(model, adv) == y).sum()) / n
        d = (adv - x).flatten(1)
        pert = float(d.abs().max() if norm == "linf" else d.norm(dim=1).max())
        if pert > eps + 1e-6:
            raise RuntimeError("%s: perturbation %.9g exceeds eps %g" % (norm, pert, eps))
        t = time_calls(call, ctx.mode, warmup_s=first_s)
        params = {"norm": norm, "eps": eps}
        if step is not None:
            params["step"] = step
        params.update({"steps": steps, "images": n, "batch": BATCH})
        check = {"clean_accuracy": clean, "robust_accuracy": robust, "max_perturbation": pert}
        return _result("images/s", True, n / t["median_s"], params, t, check, description)
    return run


# ----------------------------------------------------------------------------- certification

def certify_cohen(ctx):
    fx = ctx.fixtures()
    model = fx.small_cnn()
    sigma, n0, alpha, batch = 0.25, 100, 0.001, 1000
    n, m = (2000, 5) if ctx.quick else (10000, 20)
    images, labels = fx.tensor("images"), fx.tensor("labels")
    if images.shape[0] < m:
        raise FixtureError("certify-cohen needs %d images, the fixtures hold %d" % (m, images.shape[0]))

    def one(x):
        return certify.certify(model, x, n0, n, alpha, batch, sigma)

    torch.manual_seed(SEED + 31)
    calls = [lambda i=i: one(images[i]) for i in range(m)]
    t, res = time_each(calls, ctx.mode, warmup=lambda: one(images[:m].mean(0)))   # warm up on another input
    per_image = [{"label": int(labels[i]), "prediction": p, "nA": n_a, "radius": r}
                 for i, (p, r, n_a) in enumerate(res)]
    params = {"sigma": sigma, "n0": n0, "n": n, "alpha": alpha, "batch": batch, "images": m}
    check = {"abstained": sum(p == certify.ABSTAIN for p, _, _ in res), "per_image": per_image}
    return _result("forwards/s", True, (n0 + n) / t["median_s"], params, t, check,
                   "Cohen CERTIFY on the small CNN, sigma 0.25, n0 100, n %d, alpha 0.001, batch 1000, %d images"
                   " (each image's certify is one timed call)" % (n, m))


# ----------------------------------------------------------------------------- spectral norms

def spectral_norm(method, channels, n):
    suffix = "%dx%dx3x3_n%d" % (channels, channels, n)
    what = {"gram": "Gram iteration (6 squarings)", "exact": "exact norm (FFT + per-frequency SVD)",
            "power": "power iteration (100 steps)"}[method]

    def run(ctx):
        fx = ctx.fixtures()
        K, start = fx.tensor("kernel_" + suffix), fx.tensor("pistart_" + suffix)
        if list(K.shape) != [channels, channels, 3, 3] or list(start.shape) != [channels, n, n]:
            raise FixtureError("kernel_/pistart_%s: shapes %s, %s" % (suffix, list(K.shape), list(start.shape)))
        fn = {"gram": lambda: spectral.gram_conv(K, n, 6),
              "exact": lambda: spectral.exact_conv(K, n),
              "power": lambda: spectral.power_conv(K, n, start, 100)}[method]
        with torch.no_grad():
            sigma, first_s = _timed_once(fn)
            t = time_calls(fn, ctx.mode, warmup_s=first_s)
        params = {"kernel": [channels, channels, 3, 3], "n": n, "padding": "circular", "dtype": "float32"}
        return _result("ms", False, 1e3 * t["median_s"], params, t, {"sigma": float(sigma)},
                       "%s of a [%d,%d,3,3] circular conv at n = %d" % (what, channels, channels, n))
    return run


# ----------------------------------------------------------------------------- layers, GEMM

def _fwd_bwd(forward, inputs, grad_out):
    def call():
        for t in inputs:
            t.grad = None
        forward().backward(grad_out)
    return call


def dc_layer(ctx, n=4096, batch=128):
    """y = d * IFFT(FFT(c) * FFT(x)) + b with real FFTs (bench_dc.py), gradients to x, c, d, b."""
    g = torch.Generator().manual_seed(SEED)
    x = torch.randn(batch, n, generator=g).requires_grad_(True)
    gy = torch.randn(batch, n, generator=g)
    c = (torch.randn(n, generator=g) * (2.0 / n) ** 0.5).requires_grad_(True)
    d = (torch.randint(0, 2, (n,), generator=g).float() * 2 - 1).requires_grad_(True)
    b = torch.zeros(n).requires_grad_(True)
    dc = lambda c_, x_, m: torch.fft.irfft(torch.fft.rfft(c_) * torch.fft.rfft(x_), n=m)
    # the FFT product is the circulant matrix C[j,k] = c[(j-k) mod m]: check on a small float64 case
    cs, xs = torch.randn(64, dtype=torch.float64, generator=g), torch.randn(3, 64, dtype=torch.float64, generator=g)
    idx = (torch.arange(64)[:, None] - torch.arange(64)[None, :]) % 64
    circ_err = float((xs @ cs[idx].T - dc(cs, xs, 64)).abs().max())
    call = _fwd_bwd(lambda: dc(c, x, n) * d + b, (x, c, d, b), gy)
    t = time_calls(call, ctx.mode)
    check = {"input_grad_sum_squares": float(x.grad.square().sum()), "circulant_max_abs_error_float64": circ_err}
    return _result("ms", False, 1e3 * t["median_s"], {"n": n, "batch": batch}, t, check,
                   "diagonal-circulant layer n = %d, batch %d, forward + backward" % (n, batch))


def conv2d_layer(ctx):
    g = torch.Generator().manual_seed(SEED + 2)
    torch.manual_seed(SEED + 1)
    conv = nn.Conv2d(16, 32, 3, stride=1, padding=1)       # default init; only weight and bias are used
    w, bias = conv.weight, conv.bias
    x = torch.randn(128, 16, 28, 28, generator=g).requires_grad_(True)
    gy = torch.randn(128, 32, 28, 28, generator=g)
    call = _fwd_bwd(lambda: F.conv2d(x, w, bias, stride=1, padding=1), (x, w, bias), gy)
    t = time_calls(call, ctx.mode)
    # the input gradient against float64
    x64 = x.detach().double().requires_grad_(True)
    F.conv2d(x64, w.detach().double(), bias.detach().double(), padding=1).backward(gy.double())
    err = float((x.grad.double() - x64.grad).abs().max() / x64.grad.abs().max())
    check = {"input_grad_sum_squares": float(x.grad.square().sum()), "input_grad_max_rel_error_vs_float64": err}
    params = {"input": [128, 16, 28, 28], "weight": [32, 16, 3, 3], "padding": 1}
    return _result("ms", False, 1e3 * t["median_s"], params, t, check,
                   "conv2d 3x3 [128,16,28,28] -> 32 channels, padding 1, forward + backward")


def gemm(n):
    def run(ctx):
        g = torch.Generator().manual_seed(SEED + 3)
        a, b = torch.randn(n, n, generator=g), torch.randn(n, n, generator=g)
        c, first_s = _timed_once(lambda: torch.mm(a, b))
        err = float((a[0].double() @ b.double() - c[0].double()).abs().max())
        t = time_calls(lambda: torch.mm(a, b), ctx.mode, warmup_s=first_s)
        return _result("GFLOP/s", True, 2.0 * n ** 3 / t["median_s"] / 1e9, {"n": n, "dtype": "float32"}, t,
                       {"first_row_max_abs_error_vs_float64": err}, "fp32 torch.mm %d x %d" % (n, n))
    return run


ROWS = {
    "train-cnn": training(models.SmallCNN, "training step, small CNN (conv32, conv64/2, linear), batch 128"),
    "train-mlp": training(models.MLP, "training step, MLP 784-512-512-10, batch 128"),
    "train-cpl": training(models.CPLNet, "training step, 4-layer dense CPL network (width 512), batch 128"),
    "train-sll": training(models.SLLNet, "training step, small SLL network (4 conv + 2 dense SLL), batch 128"),
    "pgd-linf": attack("linf", 0.1, 0.025, 10, "PGD l_inf eps 0.1, step 0.025, 10 steps, random start (torchattacks PGD)"),
    "pgd-l2": attack("l2", 1.5, 0.375, 10, "PGD l_2 eps 1.5, step 0.375, 10 steps, random start (torchattacks PGDL2)"),
    "apgd-ce": attack("linf", 0.1, None, 100, "APGD-CE l_inf eps 0.1, 100 iterations, 1 run (AutoAttack APGDAttack)"),
    "certify-cohen": certify_cohen,
}
for _method in ("gram", "exact", "power"):
    for _channels, _n in ((64, 32), (256, 8), (512, 4)):
        ROWS["%s-%d" % (_method, _channels)] = spectral_norm(_method, _channels, _n)
ROWS["dc-4096"] = dc_layer
ROWS["conv2d"] = conv2d_layer
ROWS["gemm-1024"] = gemm(1024)
ROWS["gemm-2048"] = gemm(2048)
