package org.robust4j.core.optim;

/**
 * Learning rate as a function of the optimizer step (counted from 0). The trainer sets
 * {@code optimizer.setLr(schedule.at(step))} before every step.
 */
@FunctionalInterface
public interface LrSchedule {
    double at(long step);

    static LrSchedule constant(double lr) {
        return step -> lr;
    }

    /** Multiplies the rate by {@code gamma} every {@code every} steps. */
    static LrSchedule stepDecay(double lr, long every, double gamma) {
        return step -> lr * Math.pow(gamma, step / every);
    }

    /** Cosine annealing from {@code lr} to {@code minLr} over {@code total} steps. */
    static LrSchedule cosine(double lr, double minLr, long total) {
        return step -> {
            double p = Math.min(1.0, (double) step / Math.max(1, total));
            return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * p));
        };
    }

    /**
     * The SLL/CPL "triangular" schedule, linear between the points
     * (0, 0), (0.4, lr), (0.8, lr/20), (1, 0) of training progress.
     */
    static LrSchedule triangular(double lr, long total) {
        return PiecewiseLinear.of(total, new double[] {0, 0.4, 0.8, 1.0}, new double[] {0, lr, lr / 20, 0});
    }

    /**
     * PyTorch's {@code OneCycleLR} with its defaults: cosine warm-up over the first 30% from
     * {@code maxLr/25} to {@code maxLr}, then cosine annealing to {@code maxLr/(25*1e4)}.
     */
    static LrSchedule oneCycle(double maxLr, long total) {
        return new OneCycle(maxLr, total, 0.3, 25, 1e4);
    }
}
