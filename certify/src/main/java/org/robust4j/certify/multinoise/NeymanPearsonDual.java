package org.robust4j.certify.multinoise;

import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathIllegalStateException;

/**
 * Lower bounds on {@code V(eps) = min E_nu[h]} over decision functions {@code h: R^d -> [0, 1]}
 * with {@code E_mu0[h] >= a} and {@code l <= E_mu1[h] <= u} (the probabilities of the certified
 * class that the two probes support), for {@code nu = N(x + delta, sigma0^2 I)}, {@code ||delta|| = eps}.
 *
 * <p>Weak duality makes every bound sound whatever the optimiser does: for any {@code k0 >= 0}
 * and any {@code k1} (paired with {@code l} when {@code k1 >= 0} and with {@code u} when
 * {@code k1 < 0}, the multipliers of the active side),
 * <pre>
 *   E_nu[h] >= E_nu[h] - k0 (E_mu0[h] - a) - k1 (E_mu1[h] - t)
 *           >= nu(R) + k0 (a - mu0(R)) + k1 (t - mu1(R)) =: D(k0, k1),
 * </pre>
 * where {@code R = {k0 rho0 + k1 rho1 > rho_nu}} makes the second inequality tight (the
 * generalized Neyman–Pearson lemma). {@code k1 = 0} with Cohen's {@code k0} gives
 * {@code Phi(Phi^-1(a) - eps/sigma0)} exactly. The optimiser below only chooses good multipliers;
 * the quadrature's error estimate is subtracted from the value.
 */
final class NeymanPearsonDual {
    private static final NormalDistribution STD = new NormalDistribution(0, 1);
    /** Added to every quadrature error estimate before it is subtracted. */
    static final double ABSOLUTE_MARGIN = 1e-10;

    /** A sound lower bound and the multipliers that gave it. */
    record Bound(double value, double logK0, double k1, int evaluations) {}

    private final RegionMasses masses;
    private final int dimension;
    private final double sigma0;
    private final double sigma1;

    NeymanPearsonDual(int dimension, double sigma0, double sigma1) {
        this.masses = new RegionMasses(dimension, sigma0, sigma1, 1e-11);
        this.dimension = dimension;
        this.sigma0 = sigma0;
        this.sigma1 = sigma1;
    }

    /** Cohen's bound {@code Phi(Phi^-1(a) - eps/sigma0)}: the dual at {@code k1 = 0}, in closed form. */
    double cohen(double eps, double a) {
        return STD.cumulativeProbability(STD.inverseCumulativeProbability(a) - eps / sigma0);
    }

    /** {@code mu1} of Cohen's worst case, the half-space {@code {u < sigma0 Phi^-1(a)}}. */
    double halfSpaceProbeMass(double a) {
        return STD.cumulativeProbability(sigma0 * STD.inverseCumulativeProbability(a) / sigma1);
    }

    /**
     * The least probe mass of any region with {@code mu0 >= a}: by Neyman–Pearson between
     * {@code mu1} and {@code mu0}, a region where {@code rho1/rho0} is smallest with
     * {@code mu0 = a}, i.e. the outside of a ball about {@code x} when {@code sigma1 < sigma0} and
     * the inside of one when {@code sigma1 > sigma0} ({@code ||z - x||^2 / sigma^2} is chi-square
     * with {@code d} degrees of freedom). An upper bound {@code u} below it contradicts {@code a}.
     */
    double leastProbeMass(double a) {
        ChiSquaredDistribution chi = new ChiSquaredDistribution(dimension);
        double ratio = sigma0 * sigma0 / (sigma1 * sigma1);
        if (sigma1 < sigma0) {
            double r2 = chi.inverseCumulativeProbability(1 - a);       // mu0(||z||^2 > sigma0^2 r2) = a
            return 1 - chi.cumulativeProbability(r2 * ratio);
        }
        double r2 = chi.inverseCumulativeProbability(a);               // mu0(||z||^2 < sigma0^2 r2) = a
        return chi.cumulativeProbability(r2 * ratio);
    }

    /**
     * The best bound found at {@code eps}, starting the search from {@code warm} (or from Cohen's
     * multipliers when null). When the probe's interval contains the half-space's mass the
     * half-space is feasible, so no multiplier can beat Cohen and Cohen's value is returned.
     */
    Bound best(double eps, double a, double l, double u, Bound warm) {
        double cohenLogK0 = eps * STD.inverseCumulativeProbability(a) / sigma0 - eps * eps / (2 * sigma0 * sigma0);
        Bound cohen = new Bound(cohen(eps, a), cohenLogK0, 0, 0);
        double half = halfSpaceProbeMass(a);
        int sign = l > half ? 1 : u < half ? -1 : 0;
        if (sign == 0) {
            return cohen;
        }
        double target = sign > 0 ? l : u;
        Search s = new Search(eps, a, target, sign);
        s.best = cohen;
        // Outer search on t1 = log|k1|: the envelope derivative of max_k0 D is target - mu1(R*), monotone in t1.
        double start = warm != null && warm.k1() * sign > 0 ? Math.log(Math.abs(warm.k1()))
                : initialLogK1(cohenLogK0);
        s.lastLogK0 = warm != null && Double.isFinite(warm.logK0()) ? warm.logK0() : cohenLogK0;
        UnivariateFunction g = t1 -> s.outer(t1);
        // g = target - mu1(R*) decreases in t1 when k1 > 0 (R* gains mu1 mass) and increases when k1 < 0.
        double[] bracket = bracketRoot(g, start, 1.0, sign < 0);
        if (bracket != null) {
            try {
                newSolver().solve(60, g, bracket[0], bracket[1], AllowedSolution.ANY_SIDE);
            } catch (MathIllegalStateException | MathIllegalArgumentException e) {
                // Out of evaluations: the best bound so far is still sound.
            }
        }
        return new Bound(s.best.value(), s.best.logK0(), s.best.k1(), s.evaluations);
    }

    /** Hipparchus solvers keep per-solve state, and the inner solve runs inside the outer one: one each. */
    private static BracketingNthOrderBrentSolver newSolver() {
        return new BracketingNthOrderBrentSolver(1e-10, 1e-7, 1e-14, 5);
    }

    /**
     * A first guess for {@code log|k1|}: the size at which {@code |k1| rho1} equals {@code k0 rho0}
     * on the typical shell of {@code mu0} ({@code ||z - x||^2 = d sigma0^2}).
     */
    private double initialLogK1(double logK0) {
        return logK0 - masses.logRatioOnShell();
    }

    /**
     * For a monotone {@code f}, walks from {@code start} with growing steps in the direction of its
     * root and returns a bracket {@code [lo, hi]} with a sign change, or null if none within reach.
     */
    private static double[] bracketRoot(UnivariateFunction f, double start, double step, boolean increasing) {
        double x = start;
        double fx = f.value(x);
        if (fx == 0) {
            return null;
        }
        double dir = (fx < 0) == increasing ? 1 : -1;
        for (int i = 0; i < 30; i++) {
            double next = x + dir * step;
            double fn = f.value(next);
            if (fn == 0 || Math.signum(fn) != Math.signum(fx)) {
                return new double[] {Math.min(x, next), Math.max(x, next)};
            }
            x = next;
            fx = fn;
            step *= 2;
        }
        return null;
    }

    /** State of one search: the target constraint, the best sound bound so far, the last inner solution. */
    private final class Search {
        final double eps;
        final double a;
        final double target;
        final int sign;
        Bound best;
        double lastLogK0;
        int evaluations;

        Search(double eps, double a, double target, int sign) {
            this.eps = eps;
            this.a = a;
            this.target = target;
            this.sign = sign;
        }

        /** Solves the mu0 constraint for k0 at this k1, records the bound, returns target - mu1(R). */
        double outer(double t1) {
            double k1 = sign * Math.exp(t1);
            double logK0 = innerLogK0(k1);
            RegionMasses.Masses m = evaluate(logK0, k1);
            return target - m.mu1();
        }

        /** The log k0 that makes {@code mu0(R) = a} for this {@code k1} ({@code -inf} when k0 = 0 already suffices). */
        double innerLogK0(double k1) {
            if (sign > 0) {
                RegionMasses.Masses m0 = evaluate(Double.NEGATIVE_INFINITY, k1);
                if (m0.mu0() >= a) {
                    return Double.NEGATIVE_INFINITY;
                }
            }
            UnivariateFunction h = t0 -> evaluate(t0, k1).mu0() - a;
            double[] br = bracketRoot(h, lastLogK0, 0.25, true);
            if (br == null) {
                return lastLogK0;
            }
            try {
                lastLogK0 = newSolver().solve(60, h, br[0], br[1], AllowedSolution.ANY_SIDE);
            } catch (MathIllegalStateException | MathIllegalArgumentException e) {
                lastLogK0 = 0.5 * (br[0] + br[1]);
            }
            return lastLogK0;
        }

        /** Masses at (k0, k1); records D(k0, k1) minus its error when it beats the best so far. */
        RegionMasses.Masses evaluate(double logK0, double k1) {
            evaluations++;
            RegionMasses.Masses m = masses.compute(eps, logK0, k1);
            double k0 = Math.exp(logK0);
            double value = m.nu() + k0 * (a - m.mu0()) + k1 * (target - m.mu1());
            double error = m.errNu() + k0 * m.errMu0() + Math.abs(k1) * m.errMu1() + ABSOLUTE_MARGIN;
            double sound = value - error;
            if (Double.isFinite(sound) && sound > best.value()) {
                best = new Bound(sound, logK0, k1, 0);
            }
            return m;
        }
    }
}
