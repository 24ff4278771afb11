package org.robust4j.certify.multinoise;

import org.robust4j.certify.curve.CertifiedSample;

/**
 * The outcome of the two-variance certificate on one input.
 *
 * @param index the sample's index in its dataset
 * @param label the true label, or -1
 * @param prediction the certified class, or -1 (abstain)
 * @param radius the certified l2 radius, 0 when abstaining
 * @param abstained whether the certificate abstained ({@code pALower <= 1/2})
 * @param candidate the class chosen from the selection draws
 * @param nA votes for the candidate among the {@code n} draws at the smoothing sigma
 * @param n draws at the smoothing sigma
 * @param pALower Clopper–Pearson lower bound on the candidate's probability at the smoothing sigma (level {@code 1 - alpha0})
 * @param probeSigma the probe's sigma
 * @param probeNA votes for the candidate among the probe's draws
 * @param probeN the probe's draws
 * @param probeLower lower end of the probe's two-sided Clopper–Pearson interval (level {@code 1 - alpha1})
 * @param probeUpper upper end of that interval
 * @param cohenRadius what Cohen's certificate gives from the same smoothing draws at level {@code 1 - alpha0}
 * @param probeUsed whether the probe's interval excluded the half-space worst case (so the radius may grow)
 * @param probeConsistent false when the three bounds contradict each other (the probe was then ignored)
 */
public record MultiNoiseRecord(long index, int label, int prediction, double radius, boolean abstained, int candidate,
                               long nA, long n, double pALower, double probeSigma, long probeNA, long probeN,
                               double probeLower, double probeUpper, double cohenRadius, boolean probeUsed,
                               boolean probeConsistent) implements CertifiedSample {
}
