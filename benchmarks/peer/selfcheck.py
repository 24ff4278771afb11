#!/usr/bin/env python3
"""Checks the peer's own numerics on small cases, no fixtures needed (a few seconds):
the three spectral norms against the SVD of the explicit convolution matrix, the adjoint used by
power iteration, and the Clopper-Pearson bound against its closed forms. Exit status 1 on a failure."""
import math
import sys

import torch

import certify
import spectral


def dense_matrix(K, n):
    """The circular convolution as an explicit (c_out n^2) x (c_in n^2) matrix, column by column."""
    A, _ = spectral.conv_operator(K, n)
    eye = torch.eye(K.shape[1] * n * n, dtype=K.dtype).reshape(-1, K.shape[1], n, n)
    return torch.cat([A(e.unsqueeze(0)).reshape(-1, 1) for e in eye], dim=1)


def main():
    g = torch.Generator().manual_seed(5)
    failures = []

    def expect(ok, what):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            failures.append(what)

    for co, ci, n in ((4, 3, 6), (3, 5, 7), (6, 6, 4)):
        K = torch.randn(co, ci, 3, 3, generator=g, dtype=torch.float64)
        s = float(torch.linalg.svdvals(dense_matrix(K, n))[0])
        A, AT = spectral.conv_operator(K, n)
        x = torch.randn(1, ci, n, n, generator=g, dtype=torch.float64)
        y = torch.randn(1, co, n, n, generator=g, dtype=torch.float64)
        adj = abs(float((A(x) * y).sum() - (x * AT(y)).sum()))
        exact = float(spectral.exact_conv(K, n))
        gram = float(spectral.gram_conv(K, n, 6))
        power = float(spectral.power_conv(K, n, torch.randn(ci, n, n, generator=g, dtype=torch.float64), 500))
        tag = "[%d,%d,3,3] n=%d: dense SVD %.9f" % (co, ci, n, s)
        expect(adj < 1e-10, "%s, adjoint error %.1e" % (tag, adj))
        expect(abs(exact - s) < 1e-10 * s, "%s, exact %.9f" % (tag, exact))
        expect(s * (1 - 1e-12) <= gram <= s * 1.05, "%s, Gram bound (6 squarings) %.9f" % (tag, gram))
        expect(abs(power - s) < 1e-3 * s, "%s, power (500 steps) %.9f" % (tag, power))

    # Clopper-Pearson: P[Bin(n,p) >= n] = p^n and P[Bin(n,p) >= 1] = 1 - (1-p)^n give closed forms
    # (against SciPy's beta.ppf the bisection agrees to 1e-13 relative for pA >= 0.05, 1e-11 near 0)
    for n, alpha in ((100, 0.001), (10000, 0.001)):
        got = certify.lower_confidence_bound(n, n, alpha)
        expect(abs(got - alpha ** (1 / n)) < 1e-12, "CP bound nA = n = %d: %.15f vs alpha^(1/n)" % (n, got))
        got = certify.lower_confidence_bound(1, n, alpha)
        want = -math.expm1(math.log1p(-alpha) / n)
        expect(abs(got - want) < 1e-9 * want, "CP bound nA = 1, n = %d: %.6e vs 1-(1-alpha)^(1/n)" % (n, got))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
