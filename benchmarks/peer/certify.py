"""Randomized smoothing CERTIFY (Cohen, Rosenfeld & Kolter 2019) with the semantics of
locuslab/smoothing code/core.py: Smooth.certify, _sample_noise, and the Clopper-Pearson bound of
statsmodels' proportion_confint(nA, n, alpha=2*alpha, method='beta')[0], computed here without
SciPy."""
import math
from statistics import NormalDist

import torch

ABSTAIN = -1


def sample_counts(model, x, num, batch, sigma, num_classes):
    """Class counts of model(x + N(0, sigma^2 I)) over `num` noisy copies of x [C,H,W], in batches."""
    counts = torch.zeros(num_classes, dtype=torch.long)
    with torch.no_grad():
        while num > 0:
            b = min(batch, num)
            num -= b
            xb = x.repeat((b, 1, 1, 1))
            noisy = xb + torch.randn_like(xb) * sigma
            counts += torch.bincount(model(noisy).argmax(1), minlength=num_classes)
    return counts


def lower_confidence_bound(k, n, alpha):
    """One-sided (1 - alpha) Clopper-Pearson lower bound on p from k successes in n draws: the
    alpha-quantile of Beta(k, n - k + 1), i.e. the p with P[Binomial(n, p) >= k] = alpha
    (regularised incomplete beta identity). Found by bisection: the tail grows with p."""
    if k == 0:
        return 0.0
    j = torch.arange(k, n + 1, dtype=torch.float64)
    log_binom = math.lgamma(n + 1) - torch.lgamma(j + 1) - torch.lgamma(n - j + 1)
    target = math.log(alpha)
    lo, hi = 0.0, 1.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        log_tail = torch.logsumexp(log_binom + j * math.log(mid) + (n - j) * math.log1p(-mid), 0)
        if float(log_tail) < target:
            lo = mid
        else:
            hi = mid
    return lo


def certify(model, x, n0, n, alpha, batch, sigma, num_classes=10):
    """Returns (prediction or ABSTAIN, radius, nA): guess the top class from n0 samples, count it in
    n fresh samples, certify radius sigma * Phi^-1(pA_lower) if pA_lower >= 1/2."""
    c_hat = int(sample_counts(model, x, n0, batch, sigma, num_classes).argmax())
    n_a = int(sample_counts(model, x, n, batch, sigma, num_classes)[c_hat])
    p_a = lower_confidence_bound(n_a, n, alpha)
    if p_a < 0.5:
        return ABSTAIN, 0.0, n_a
    return c_hat, sigma * NormalDist().inv_cdf(p_a), n_a
