package org.robust4j.certify.renyi;

import static org.robust4j.core.util.Checks.checkArgument;

/**
 * From a Rényi bound to a total-variation bound (Pinot et al. 2019, Proposition "Rényi robustness
 * implies TV robustness"): if {@code D_lambda(P || Q) <= eps} for some {@code lambda >= 1}, then
 * {@code TV(P, Q) <= min( (3/2) (sqrt(1 + 4 eps / 9) - 1)^{1/2}, (e^{eps+1} - 1) / (e^{eps+1} + 1) )},
 * with {@code TV = sup_A |P(A) - Q(A)|}. For small {@code eps} the first term is Pinsker's
 * {@code sqrt(eps / 2)}. Every class probability then moves by at most that much, so a top class
 * ahead of the runner-up by more than twice the bound is kept.
 */
public final class TotalVariationBound {
    private TotalVariationBound() {}

    public static double fromRenyi(double eps) {
        checkArgument(eps >= 0, "TotalVariationBound: the divergence must be non-negative, got %s", eps);
        double pinskerLike = 1.5 * Math.sqrt(Math.sqrt(1 + 4 * eps / 9) - 1);
        double saturating = Math.tanh((eps + 1) / 2);       // (e^{eps+1} - 1) / (e^{eps+1} + 1)
        return Math.min(pinskerLike, saturating);
    }
}
