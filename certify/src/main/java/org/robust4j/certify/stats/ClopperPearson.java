package org.robust4j.certify.stats;

import static org.robust4j.core.util.Checks.checkArgument;

import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.distribution.continuous.BetaDistribution;

/**
 * Exact (Clopper–Pearson) confidence bounds for a binomial proportion, from Hipparchus' Beta
 * distribution.
 *
 * <p>The one-sided lower bound at level {@code 1 - alpha} for {@code k} successes out of {@code n}
 * is the {@code alpha}-quantile of {@code Beta(k, n - k + 1)} (0 when {@code k = 0}); this is
 * {@code scipy.stats.beta.ppf(alpha, k, n-k+1)}, and the lower end of Cohen et al.'s
 * {@code proportion_confint(k, n, alpha=2*alpha, method="beta")}. The upper bound is the
 * {@code (1 - alpha)}-quantile of {@code Beta(k + 1, n - k)} (1 when {@code k = n}).
 *
 * <p>Soundness: the quantile is found by a bracketing solver that keeps the root on the safe
 * side (a lower bound whose Beta CDF is at most {@code alpha}, an upper bound whose CDF is at
 * least {@code 1 - alpha}), so rounding never makes a bound tighter than the exact one.
 */
public final class ClopperPearson {
    private static final int MAX_EVAL = 500;

    private ClopperPearson() {}

    /** One-sided lower confidence bound at level {@code 1 - alpha}: {@code P(p >= bound) >= 1 - alpha}. */
    public static double lower(long k, long n, double alpha) {
        check(k, n, alpha);
        if (k == 0) {
            return 0.0;
        }
        BetaDistribution beta = new BetaDistribution(k, n - k + 1);
        if (beta.cumulativeProbability(Double.MIN_NORMAL) >= alpha) {
            return 0.0;
        }
        return solver().solve(MAX_EVAL, p -> beta.cumulativeProbability(p) - alpha, 0.0, 1.0, AllowedSolution.BELOW_SIDE);
    }

    /** One-sided upper confidence bound at level {@code 1 - alpha}: {@code P(p <= bound) >= 1 - alpha}. */
    public static double upper(long k, long n, double alpha) {
        check(k, n, alpha);
        if (k == n) {
            return 1.0;
        }
        BetaDistribution beta = new BetaDistribution(k + 1, n - k);
        double target = 1 - alpha;
        return solver().solve(MAX_EVAL, p -> beta.cumulativeProbability(p) - target, 0.0, 1.0, AllowedSolution.ABOVE_SIDE);
    }

    /** Two-sided interval at level {@code 1 - alpha} ({@code alpha / 2} in each tail): {@code {lower, upper}}. */
    public static double[] interval(long k, long n, double alpha) {
        return new double[] {lower(k, n, alpha / 2), upper(k, n, alpha / 2)};
    }

    /**
     * A fresh solver per call: Hipparchus solvers keep the function and the evaluation count of the
     * current solve in fields, so one shared instance gives wrong bounds when threads certify side by
     * side (Spark runs tasks as threads of one executor).
     */
    private static BracketingNthOrderBrentSolver solver() {
        return new BracketingNthOrderBrentSolver(1e-16, 1e-15, 1e-300, 5);
    }

    private static void check(long k, long n, double alpha) {
        checkArgument(n > 0 && k >= 0 && k <= n, "Clopper-Pearson: need 0 <= k <= n and n > 0, got k=%s n=%s", k, n);
        checkArgument(alpha > 0 && alpha < 1, "Clopper-Pearson: alpha must be in (0, 1), got %s", alpha);
    }
}
