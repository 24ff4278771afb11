package org.robust4j.experiments.noiseinjection;

import java.util.Locale;
import org.robust4j.certify.Norm;
import org.robust4j.certify.smoothing.GaussianNoise;
import org.robust4j.certify.smoothing.LaplaceNoise;
import org.robust4j.layers.noise.Gaussian;
import org.robust4j.layers.noise.Laplace;
import org.robust4j.layers.noise.NoiseDistribution;

/**
 * One injected noise of the experiment, by its standard deviation: the layer that draws it in
 * training and attacks, and the same law as the certificate sees it.
 *
 * @param law {@code gaussian} or {@code laplace}
 * @param sd  standard deviation per coordinate (Laplace scale {@code sd / sqrt 2})
 */
record InjectedNoise(String law, double sd) {

    /** {@code gaussian:SD} or {@code laplace:SD}. */
    static InjectedNoise parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("noise-injection: noise '" + spec + "' is not LAW:SD (e.g. gaussian:0.25)");
        }
        String law = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!law.equals("gaussian") && !law.equals("laplace")) {
            throw new IllegalArgumentException("noise-injection: unknown law '" + parts[0] + "' in '" + spec
                    + "': gaussian or laplace (the laws with a Renyi guarantee)");
        }
        double sd;
        try {
            sd = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("noise-injection: sd '" + parts[1] + "' in '" + spec + "' is not a number");
        }
        if (!(sd > 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("noise-injection: sd must be positive and finite in '" + spec + "'");
        }
        return new InjectedNoise(law, sd);
    }

    boolean gaussian() {
        return law.equals("gaussian");
    }

    /** Laplace scale b with variance 2 b^2 = sd^2. */
    double laplaceScale() {
        return sd / Math.sqrt(2);
    }

    NoiseDistribution layer() {
        return gaussian() ? new Gaussian(sd) : new Laplace(laplaceScale());
    }

    org.robust4j.certify.smoothing.NoiseDistribution certified() {
        return gaussian() ? new GaussianNoise(sd) : new LaplaceNoise(laplaceScale());
    }

    /** The norm of the guarantee: l2 for Gaussian, l1 for Laplace (research note 3.2). */
    Norm norm() {
        return gaussian() ? Norm.L2 : Norm.L1;
    }

    /**
     * The Rényi robustness level at radius {@code alpha} for input noise, at order 1 (the
     * smallest, used by the adversarial-gap theorem): Gaussian {@code alpha^2 / (2 sd^2)} (l2),
     * Laplace {@code alpha / b} (l1; research note 3.2, derived).
     */
    double epsilonAt(double alpha) {
        return gaussian() ? alpha * alpha / (2 * sd * sd) : alpha / laplaceScale();
    }

    String label() {
        return (gaussian() ? "NI N" : "NI L") + " " + java.math.BigDecimal.valueOf(sd).stripTrailingZeros().toPlainString();
    }
}
