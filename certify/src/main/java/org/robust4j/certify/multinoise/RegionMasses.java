package org.robust4j.certify.multinoise;

import org.hipparchus.special.Gamma;

/**
 * Masses of the generalized Neyman–Pearson region
 * {@code R = { z : k0 rho0(z) + k1 rho1(z) > rho_delta(z) }} under the three isotropic Gaussians of
 * the two-variance certificate, in dimension {@code d}:
 * <ul>
 *   <li>{@code mu0 = N(x, sigma0^2 I)}, the smoothing distribution,</li>
 *   <li>{@code mu1 = N(x, sigma1^2 I)}, the extra probe (same centre, another variance),</li>
 *   <li>{@code nu = N(x + delta, sigma0^2 I)}, the smoothing distribution at the perturbed input.</li>
 * </ul>
 *
 * <p>With {@code u = <z - x, delta/||delta||>} and {@code S = ||z - x||^2 - u^2}, every density
 * depends on {@code z} through {@code (u, S)} only, {@code u} is normal and {@code S / sigma^2} is
 * chi-square with {@code d - 1} degrees of freedom independently of it (Ettedgui et al. 2022; the
 * reduction {@code certify_multi_sigma.py} uses). For fixed {@code u} the region is a half-line in
 * {@code S} (the ratio {@code rho1/rho0} is monotone in {@code S}), so each mass is a 1-D integral
 * over {@code u} of a normal density times a chi-square CDF (Hipparchus' regularized gamma), done
 * by adaptive quadrature.
 */
final class RegionMasses {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Absolute rounding allowance on each computed mass. */
    static final double ROUNDING = 1e-14;

    /** {@code mu0(R), mu1(R), nu(R)} and the quadrature's error estimate of each. */
    record Masses(double mu0, double mu1, double nu, double errMu0, double errMu1, double errNu) {}

    private final double sigma0;
    private final double sigma1;
    private final double halfDof;
    /** {@code c = 1/sigma1^2 - 1/sigma0^2}: {@code rho1/rho0 = exp(logK - (u^2 + S) c / 2)}. */
    private final double c;
    /** {@code log (sigma0/sigma1)^d}. */
    private final double logK;
    private final AdaptiveQuadrature quadrature;

    RegionMasses(int dimension, double sigma0, double sigma1, double tolerance) {
        this.sigma0 = sigma0;
        this.sigma1 = sigma1;
        this.halfDof = 0.5 * (dimension - 1);
        this.c = 1 / (sigma1 * sigma1) - 1 / (sigma0 * sigma0);
        this.logK = dimension * Math.log(sigma0 / sigma1);
        this.quadrature = new AdaptiveQuadrature(3, tolerance);
    }

    /** {@code log rho1/rho0} on the typical shell {@code ||z - x||^2 = d sigma0^2} of {@code mu0}. */
    double logRatioOnShell() {
        return logK - (2 * halfDof + 1) * sigma0 * sigma0 * c / 2;
    }

    /**
     * The masses for multipliers {@code k0 = exp(logK0)} ({@code logK0 = -inf} for {@code k0 = 0})
     * and {@code k1} (either sign), for a perturbation of norm {@code eps > 0}.
     */
    Masses compute(double eps, double logK0, double k1) {
        double s0sq = sigma0 * sigma0;
        double width = 10 * Math.max(sigma0, sigma1);
        double lo = -width;
        double hi = eps + width;
        int panels = 16;
        double[] breaks = new double[panels + 2];
        for (int i = 0; i <= panels; i++) {
            breaks[i] = lo + (hi - lo) * i / panels;
        }
        // Where rho_delta / rho0 crosses k0 the region changes shape: keep that point on a panel edge.
        double u0 = (2 * s0sq * logK0 + eps * eps) / (2 * eps);
        breaks[panels + 1] = Double.isFinite(u0) && u0 > lo && u0 < hi ? u0 : hi;
        java.util.Arrays.sort(breaks);
        double[] b = breaks;
        AdaptiveQuadrature.Result r = quadrature.integrate((u, out) -> integrand(u, eps, logK0, k1, out), b);
        double[] v = r.integral();
        double[] e = r.error();
        // Rounding in sums of a few thousand terms, and any clamping into [0, 1], count as error too.
        double[] m = new double[3];
        for (int k = 0; k < 3; k++) {
            m[k] = clamp(v[k]);
            e[k] += Math.abs(v[k] - m[k]) + ROUNDING;
        }
        return new Masses(m[0], m[1], m[2], e[0], e[1], e[2]);
    }

    private void integrand(double u, double eps, double logK0, double k1, double[] out) {
        double s0sq = sigma0 * sigma0;
        double logLambda = (2 * u * eps - eps * eps) / (2 * s0sq);     // log rho_delta / rho0
        double p0;
        double p1;
        if (k1 > 0) {
            if (logK0 > Double.NEGATIVE_INFINITY && logLambda <= logK0) {
                p0 = 1;
                p1 = 1;
            } else {
                // Need k1 rho1/rho0 > Lambda - k0, i.e. (u^2 + S) c < 2 (logK - log tau).
                double logTau = (logK0 == Double.NEGATIVE_INFINITY ? logLambda
                        : logLambda + Math.log1p(-Math.exp(logK0 - logLambda))) - Math.log(k1);
                double s = 2 * (logK - logTau) / c - u * u;
                p0 = c > 0 ? below(s, sigma0) : above(s, sigma0);
                p1 = c > 0 ? below(s, sigma1) : above(s, sigma1);
            }
        } else if (k1 < 0) {
            if (logK0 == Double.NEGATIVE_INFINITY || logLambda >= logK0) {
                p0 = 0;
                p1 = 0;
            } else {
                // Need |k1| rho1/rho0 < k0 - Lambda, i.e. (u^2 + S) c > 2 (logK - log tau).
                double logTau = logK0 + Math.log1p(-Math.exp(logLambda - logK0)) - Math.log(-k1);
                double s = 2 * (logK - logTau) / c - u * u;
                p0 = c > 0 ? above(s, sigma0) : below(s, sigma0);
                p1 = c > 0 ? above(s, sigma1) : below(s, sigma1);
            }
        } else {
            p0 = logLambda < logK0 ? 1 : 0;
            p1 = p0;
        }
        if (Double.isNaN(p0) || Double.isNaN(p1)) {
            throw new IllegalStateException("RegionMasses: NaN at u=" + u + ", eps=" + eps + ", log k0=" + logK0
                    + ", k1=" + k1);
        }
        out[0] = p0 == 0 ? 0 : normalDensity(u, 0, sigma0) * p0;
        out[1] = p1 == 0 ? 0 : normalDensity(u, 0, sigma1) * p1;
        out[2] = p0 == 0 ? 0 : normalDensity(u, eps, sigma0) * p0;
    }

    /** {@code P(sigma^2 chi2_{d-1} < s)}. */
    private double below(double s, double sigma) {
        if (!(s > 0)) {
            return 0;
        }
        return Double.isInfinite(s) ? 1 : Gamma.regularizedGammaP(halfDof, s / (2 * sigma * sigma));
    }

    /** {@code P(sigma^2 chi2_{d-1} > s)}. */
    private double above(double s, double sigma) {
        if (!(s > 0)) {
            return 1;
        }
        return Double.isInfinite(s) ? 0 : Gamma.regularizedGammaQ(halfDof, s / (2 * sigma * sigma));
    }

    private static double normalDensity(double u, double mean, double sigma) {
        double z = (u - mean) / sigma;
        return Math.exp(-0.5 * z * z - LOG_SQRT_2PI) / sigma;
    }

    private static double clamp(double p) {
        return Math.min(1, Math.max(0, p));
    }
}
