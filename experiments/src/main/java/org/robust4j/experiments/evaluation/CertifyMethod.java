package org.robust4j.experiments.evaluation;

import java.util.Arrays;
import java.util.Locale;

/** The certification methods of {@code robust4j certify}. */
public enum CertifyMethod {
    /** Cohen, Rosenfeld and Kolter's CERTIFY with Gaussian noise. */
    COHEN("cohen"),
    /** The two-variance certificate of Ettedgui et al. 2022: Cohen's draws plus a probe at a second sigma. */
    MULTI_NOISE("multi-noise"),
    /** The margin certificate of a network with a certified Lipschitz bound (no noise). */
    LIPSCHITZ("lipschitz");

    private final String label;

    CertifyMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CertifyMethod parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.label.equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown method '" + s + "': cohen, multi-noise or lipschitz"));
    }
}
