package org.robust4j.certify;

import static org.robust4j.core.util.Checks.checkArgument;

/** Radii implied in one norm by a radius certified in another. */
public final class RadiusConversion {
    private RadiusConversion() {}

    /**
     * The l-infinity radius implied by an l2 radius in dimension {@code d}: since
     * {@code ||delta||_2 <= sqrt(d) ||delta||_inf}, the cube of half-width {@code r / sqrt(d)} lies in the
     * l2 ball of radius {@code r}.
     */
    public static double linfFromL2(double l2Radius, long dimension) {
        checkArgument(dimension > 0 && l2Radius >= 0, "linfFromL2: need a radius >= 0 and a positive dimension, got %s, %s",
                l2Radius, dimension);
        return l2Radius / Math.sqrt(dimension);
    }

    /** The l2 radius implied by an l1 radius: the l2 ball of radius r/sqrt(d) lies in the l1 ball of radius r. */
    public static double l2FromL1(double l1Radius, long dimension) {
        checkArgument(dimension > 0 && l1Radius >= 0, "l2FromL1: need a radius >= 0 and a positive dimension, got %s, %s",
                l1Radius, dimension);
        return l1Radius / Math.sqrt(dimension);
    }
}
