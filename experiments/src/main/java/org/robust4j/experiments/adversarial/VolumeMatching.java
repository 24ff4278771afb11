package org.robust4j.experiments.adversarial;

import static org.robust4j.core.util.Checks.checkArgument;

import org.hipparchus.special.Gamma;

/**
 * The l2 radius whose ball has the volume of the l_inf ball of radius {@code epsInf} in
 * dimension {@code d} (Araujo et al., MLCS 2020: how they pair eps_inf = 0.031 with eps_2 = 0.83
 * on CIFAR-10): {@code r_2 = eps_inf (2 / sqrt(pi)) Gamma(d/2 + 1)^(1/d)}.
 */
public final class VolumeMatching {
    private VolumeMatching() {}

    public static double l2RadiusForLinf(int d, double epsInf) {
        checkArgument(d >= 1 && epsInf >= 0, "VolumeMatching: need d >= 1 and eps >= 0, got %s and %s", d, epsInf);
        return epsInf * 2 / Math.sqrt(Math.PI) * Math.exp(Gamma.logGamma(d / 2.0 + 1) / d);
    }
}
