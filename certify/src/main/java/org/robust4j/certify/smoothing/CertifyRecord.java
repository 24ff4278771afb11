package org.robust4j.certify.smoothing;

import org.robust4j.certify.Norm;
import org.robust4j.certify.curve.CertifiedSample;

/**
 * The outcome of CERTIFY on one input.
 *
 * @param index the sample's index in its dataset (its noise streams derive from it)
 * @param label the true label, or -1 when unknown
 * @param prediction the certified class, or -1 (ABSTAIN)
 * @param radius the certified radius in {@link #norm()}, 0 when abstaining
 * @param norm the norm of the radius
 * @param abstained whether CERTIFY abstained ({@code pALower <= 1/2})
 * @param candidate the class chosen from the {@code n0} selection draws, even when abstaining
 * @param nA how many of the {@code n} estimation draws voted for {@code candidate}
 * @param n the number of estimation draws
 * @param pALower the one-sided Clopper–Pearson lower bound on {@code P(f(x + noise) = candidate)}
 */
public record CertifyRecord(long index, int label, int prediction, double radius, Norm norm, boolean abstained,
                            int candidate, long nA, long n, double pALower) implements CertifiedSample {
}
