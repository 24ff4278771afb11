package org.robust4j.core.optim;

import static org.robust4j.core.util.Checks.checkArgument;

/** A learning rate linear between points given at fractions of the total number of steps. */
public final class PiecewiseLinear implements LrSchedule {
    private final long total;
    private final double[] at;
    private final double[] lr;

    private PiecewiseLinear(long total, double[] at, double[] lr) {
        this.total = total;
        this.at = at;
        this.lr = lr;
    }

    /** {@code fractions} ascending from 0 to 1, one learning rate for each. */
    public static PiecewiseLinear of(long total, double[] fractions, double[] rates) {
        checkArgument(total > 0, "schedule: total steps must be positive, got %s", total);
        checkArgument(fractions.length == rates.length && fractions.length >= 2,
                "schedule: need as many rates as points (at least two)");
        for (int i = 1; i < fractions.length; i++) {
            checkArgument(fractions[i] > fractions[i - 1], "schedule: points must increase");
        }
        return new PiecewiseLinear(total, fractions.clone(), rates.clone());
    }

    @Override
    public double at(long step) {
        double p = (double) step / total;
        if (p <= at[0]) {
            return lr[0];
        }
        for (int i = 1; i < at.length; i++) {
            if (p <= at[i]) {
                double w = (p - at[i - 1]) / (at[i] - at[i - 1]);
                return lr[i - 1] + w * (lr[i] - lr[i - 1]);
            }
        }
        return lr[lr.length - 1];
    }
}
