package org.robust4j.certify.renyi;

import static org.robust4j.core.util.Checks.checkArgument;

/**
 * How far (in Rényi divergence of order {@code lambda}) a class distribution {@code Q} must be
 * from {@code P} before its argmax can change (Li, Chen, Wang, Carin, NeurIPS 2019, "Certified
 * adversarial robustness with additive noise", Lemma 1): if {@code P}'s top class has probability
 * {@code p1} and the runner-up {@code p2}, then {@code argmax Q = argmax P} whenever
 * <pre>
 *   D_lambda(Q || P) < -log( 1 - p1 - p2 + 2 ((p1^{1-lambda} + p2^{1-lambda}) / 2)^{1/(1-lambda)} ).
 * </pre>
 * (Minimising {@code D_lambda(Q || P)} over {@code Q} with {@code q1 = q2} gives {@code qj ∝ pj}
 * for the other classes and equal {@code q1 = q2} set by a power mean; the test suite checks the
 * formula against that minimisation done numerically.) The threshold grows with {@code p1} and
 * shrinks with {@code p2}, so a lower bound on {@code p1} and an upper bound on {@code p2} give a
 * sound threshold.
 */
public final class ArgmaxPreservation {
    private ArgmaxPreservation() {}

    /** The divergence below which the argmax is kept; 0 when {@code p1 <= p2}. */
    public static double threshold(double lambda, double p1, double p2) {
        checkArgument(lambda > 1 && Double.isFinite(lambda), "Renyi order must be in (1, inf), got %s", lambda);
        checkArgument(p1 >= 0 && p2 >= 0 && p1 + p2 <= 1 + 1e-12, "need probabilities with p1 + p2 <= 1, got %s, %s",
                p1, p2);
        if (p1 <= p2) {
            return 0.0;
        }
        double powerMean = 0.0;       // its limit when p2 = 0 (lambda > 1)
        if (p2 > 0) {
            // ((p1^{1-l} + p2^{1-l}) / 2)^{1/(1-l)} in logs: p^{1-l} overflows for small p and large l.
            double e = 1 - lambda;
            double a = e * Math.log(p1);
            double b = e * Math.log(p2);
            double m = Math.max(a, b);
            double logMean = m + Math.log((Math.exp(a - m) + Math.exp(b - m)) / 2);
            powerMean = Math.exp(logMean / e);
        }
        double inner = Math.max(0.0, 1 - p1 - p2) + 2 * powerMean;
        return inner >= 1 ? 0.0 : inner <= 0 ? Double.POSITIVE_INFINITY : -Math.log(inner);
    }
}
