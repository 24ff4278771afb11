package org.robust4j.certify.renyi;

import static org.robust4j.core.util.Checks.checkArgument;

/**
 * Rényi divergences of order {@code lambda > 1} between a noise distribution and its shift, the
 * quantities behind the robustness guarantee of noise injection (Pinot et al., NeurIPS 2019,
 * arXiv 1902.01148): if noise {@code X} is added after a map {@code phi} whose output moves by at
 * most {@code Delta} when the input moves within the threat ball, then by data processing the
 * randomized network's output distributions at {@code x} and {@code x + tau} are within the
 * divergence of {@code X} and {@code X + Delta}.
 */
public final class RenyiDivergence {
    private RenyiDivergence() {}

    /**
     * {@code D_lambda(N(0, sigma^2 I) || N(Delta, sigma^2 I)) = lambda ||Delta||_2^2 / (2 sigma^2)}:
     * the Gaussian statement of Pinot et al. ({@code epsilon = lambda Delta^2 / (2 sigma_min(Sigma))}
     * with {@code Sigma = sigma^2 I}), where {@code Delta} is an l2 sensitivity.
     */
    public static double gaussian(double lambda, double l2Sensitivity, double sigma) {
        checkOrder(lambda);
        checkArgument(l2Sensitivity >= 0 && sigma > 0, "gaussian: need sensitivity >= 0 and sigma > 0, got %s, %s",
                l2Sensitivity, sigma);
        return lambda * l2Sensitivity * l2Sensitivity / (2 * sigma * sigma);
    }

    /**
     * The largest {@code D_lambda} between i.i.d. Laplace(0, b) noise and its shift by any
     * {@code Delta} with {@code ||Delta||_1 <= s} [derived, not in the paper's text]. Per
     * coordinate, a shift {@code t} gives
     * {@code f(t) = (1/(lambda-1)) log[(lambda/(2 lambda - 1)) e^{(lambda-1)|t|/b} + ((lambda-1)/(2 lambda - 1)) e^{-lambda |t|/b}]};
     * divergences of product measures add up, and {@code f} is convex with {@code f(0) = 0} (a log
     * of a sum of exponentials of linear functions), hence superadditive, so the worst split of the
     * l1 budget puts it all on one coordinate: the bound is {@code f(s)}, which is at most {@code s/b}.
     */
    public static double laplace(double lambda, double l1Sensitivity, double b) {
        checkOrder(lambda);
        checkArgument(l1Sensitivity >= 0 && b > 0, "laplace: need sensitivity >= 0 and b > 0, got %s, %s",
                l1Sensitivity, b);
        double t = l1Sensitivity / b;
        // log of the mixture, factored as (lambda-1) t + log[w1 + w2 e^{-(2 lambda - 1) t}] to avoid overflow.
        double w1 = lambda / (2 * lambda - 1);
        double w2 = (lambda - 1) / (2 * lambda - 1);
        return ((lambda - 1) * t + Math.log(w1 + w2 * Math.exp(-(2 * lambda - 1) * t))) / (lambda - 1);
    }

    private static void checkOrder(double lambda) {
        checkArgument(lambda > 1 && Double.isFinite(lambda), "Renyi order must be in (1, inf), got %s", lambda);
    }
}
