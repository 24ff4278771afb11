package org.robust4j.certify.renyi;

import org.robust4j.certify.Norm;
import org.robust4j.certify.curve.CertifiedSample;

/**
 * The outcome of the Rényi certificate of a noise-injected network on one input.
 *
 * @param index the sample's index in its dataset
 * @param label the true label, or -1
 * @param prediction the certified class, or -1 (abstain)
 * @param radius the certified radius in {@link #norm()}, 0 when abstaining
 * @param norm the norm of the radius
 * @param abstained whether the certificate abstained ({@code p1Lower <= 1/2})
 * @param candidate the top class of the selection draws
 * @param nA votes for the candidate among the {@code n} estimation draws
 * @param n estimation draws
 * @param p1Lower Clopper–Pearson lower bound on the candidate's probability (the runner-up is bounded by {@code 1 - p1Lower})
 * @param order the Rényi order that gave the radius
 */
public record RenyiRecord(long index, int label, int prediction, double radius, Norm norm, boolean abstained,
                          int candidate, long nA, long n, double p1Lower, double order) implements CertifiedSample {
}
