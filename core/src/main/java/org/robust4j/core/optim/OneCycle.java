package org.robust4j.core.optim;

import static org.robust4j.core.util.Checks.checkArgument;

/** PyTorch's {@code OneCycleLR} (cosine annealing strategy, two phases). */
public final class OneCycle implements LrSchedule {
    private final double maxLr;
    private final double initialLr;
    private final double minLr;
    private final double warmupEnd;
    private final long total;

    public OneCycle(double maxLr, long total, double pctStart, double divFactor, double finalDivFactor) {
        checkArgument(total > 1, "one-cycle: needs at least two steps, got %s", total);
        checkArgument(pctStart > 0 && pctStart < 1, "one-cycle: pct_start must be in (0, 1), got %s", pctStart);
        this.maxLr = maxLr;
        this.total = total;
        this.initialLr = maxLr / divFactor;
        this.minLr = initialLr / finalDivFactor;
        this.warmupEnd = pctStart * total - 1;
    }

    @Override
    public double at(long step) {
        double s = Math.min(step, total - 1);
        if (s <= warmupEnd) {
            return anneal(initialLr, maxLr, s / warmupEnd);
        }
        return anneal(maxLr, minLr, (s - warmupEnd) / (total - 1 - warmupEnd));
    }

    private static double anneal(double start, double end, double pct) {
        return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }
}
