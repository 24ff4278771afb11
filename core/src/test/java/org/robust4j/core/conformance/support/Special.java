package org.robust4j.core.conformance.support;

/** Special functions the references need and {@link Math} lacks, accurate to a few ulps in double. */
public final class Special {
    private Special() {}

    /**
     * The error function from the series {@code erf(x) = 2/sqrt(pi) e^{-x^2} sum_n 2^n x^{2n+1} / (2n+1)!!},
     * whose terms are all positive (no cancellation). Beyond |x| = 6, erf is 1 to double precision.
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        if (a > 6) {
            return Math.signum(x);
        }
        double term = a;
        double sum = a;
        for (int n = 1; n < 500 && term > 1e-18 * sum; n++) {
            term *= 2 * a * a / (2 * n + 1);
            sum += term;
        }
        double r = 2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum;
        return Math.copySign(Math.min(r, 1.0), x);
    }

    /** Standard normal distribution function. */
    public static double normalCdf(double z) {
        return 0.5 * (1 + erf(z / Math.sqrt(2)));
    }

    /** Laplace distribution function with location {@code loc} and scale {@code b}. */
    public static double laplaceCdf(double x, double loc, double b) {
        return x < loc ? 0.5 * Math.exp((x - loc) / b) : 1 - 0.5 * Math.exp(-(x - loc) / b);
    }
}
