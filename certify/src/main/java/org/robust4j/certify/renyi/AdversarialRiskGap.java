package org.robust4j.certify.renyi;

import static org.robust4j.core.util.Checks.checkArgument;

/**
 * The adversarial-gap bound of Pinot et al. 2019 (Theorem): if the randomized network is
 * {@code D_lambda}-(alpha, eps) robust with {@code lambda >= 1}, then
 * {@code |Risk_alpha(M) - Risk(M)| <= 1 - e^{-eps} E_x[e^{-H(M(x))}]}, where {@code H} is the Shannon
 * entropy (in nats) of the network's output class distribution at {@code x}. The expectation is
 * estimated over a sample of inputs.
 */
public final class AdversarialRiskGap {
    private AdversarialRiskGap() {}

    /** The bound from per-input output entropies (nats). */
    public static double bound(double eps, double[] entropies) {
        checkArgument(eps >= 0 && entropies.length > 0, "AdversarialRiskGap: need eps >= 0 and some entropies");
        double mean = 0;
        for (double h : entropies) {
            checkArgument(h >= 0, "AdversarialRiskGap: entropies are non-negative, got %s", h);
            mean += Math.exp(-h);
        }
        mean /= entropies.length;
        return 1 - Math.exp(-eps) * mean;
    }

    /** Shannon entropy (nats) of class counts, the Monte Carlo estimate of {@code H(M(x))}. */
    public static double entropy(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        checkArgument(n > 0, "AdversarialRiskGap: no counts");
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = c / (double) n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }
}
