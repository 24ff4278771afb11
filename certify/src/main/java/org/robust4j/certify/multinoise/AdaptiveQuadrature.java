package org.robust4j.certify.multinoise;

import java.util.PriorityQueue;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Globally adaptive Gauss–Legendre quadrature of a vector-valued function of one variable (nodes
 * and weights from Hipparchus). Each panel's error is estimated by the disagreement between its
 * rule and the rule on its two halves; the panel with the largest estimate is split until the
 * total estimate is below the tolerance or the panel budget is spent. The summed estimate is
 * returned with the integral, and certificates subtract it from their bounds.
 */
final class AdaptiveQuadrature {
    /** {@code f(u)} writes its components into {@code out}. */
    interface VectorFunction {
        void value(double u, double[] out);
    }

    /** Integrals and the summed error estimate of every component. */
    record Result(double[] integral, double[] error) {}

    private static final int POINTS = 15;
    private static final int MAX_PANELS = 4000;
    private static final double[] NODES = new double[POINTS];
    private static final double[] WEIGHTS = new double[POINTS];

    static {
        GaussIntegrator rule = new GaussIntegratorFactory().legendre(POINTS);
        for (int i = 0; i < POINTS; i++) {
            NODES[i] = rule.getPoint(i);
            WEIGHTS[i] = rule.getWeight(i);
        }
    }

    private final int dim;
    private final double tolerance;

    /** @param tolerance target for the summed error estimate of each component over the whole domain */
    AdaptiveQuadrature(int dim, double tolerance) {
        this.dim = dim;
        this.tolerance = tolerance;
    }

    /** A panel with its two-half estimate and the disagreement with the one-rule estimate. */
    private record Panel(double a, double b, double[] left, double[] right, double[] error, double priority) {}

    /** Integrates over {@code [breaks[0], breaks[last]]}; break points always stay on panel edges. */
    Result integrate(VectorFunction f, double[] breaks) {
        double[] tmp = new double[dim];
        PriorityQueue<Panel> queue = new PriorityQueue<>((p, q) -> Double.compare(q.priority(), p.priority()));
        double[] totalError = new double[dim];
        for (int i = 0; i + 1 < breaks.length; i++) {
            if (breaks[i + 1] > breaks[i]) {
                Panel p = panel(f, breaks[i], breaks[i + 1], rule(f, breaks[i], breaks[i + 1], tmp), tmp);
                queue.add(p);
                add(totalError, p.error(), 1);
            }
        }
        int panels = queue.size();
        while (panels < MAX_PANELS && max(totalError) > tolerance) {
            Panel worst = queue.poll();
            double mid = 0.5 * (worst.a() + worst.b());
            Panel l = panel(f, worst.a(), mid, worst.left(), tmp);
            Panel r = panel(f, mid, worst.b(), worst.right(), tmp);
            add(totalError, worst.error(), -1);
            add(totalError, l.error(), 1);
            add(totalError, r.error(), 1);
            queue.add(l);
            queue.add(r);
            panels++;
        }
        double[] sum = new double[dim];
        double[] err = new double[dim];
        for (Panel p : queue) {
            for (int k = 0; k < dim; k++) {
                sum[k] += p.left()[k] + p.right()[k];
                err[k] += p.error()[k];
            }
        }
        return new Result(sum, err);
    }

    private Panel panel(VectorFunction f, double a, double b, double[] whole, double[] tmp) {
        double mid = 0.5 * (a + b);
        double[] left = rule(f, a, mid, tmp);
        double[] right = rule(f, mid, b, tmp);
        double[] error = new double[dim];
        double priority = 0;
        for (int k = 0; k < dim; k++) {
            error[k] = Math.abs(left[k] + right[k] - whole[k]);
            priority = Math.max(priority, error[k]);
        }
        return new Panel(a, b, left, right, error, priority);
    }

    private double[] rule(VectorFunction f, double a, double b, double[] tmp) {
        double half = 0.5 * (b - a);
        double center = 0.5 * (a + b);
        double[] out = new double[dim];
        for (int i = 0; i < POINTS; i++) {
            f.value(center + half * NODES[i], tmp);
            for (int k = 0; k < dim; k++) {
                out[k] += WEIGHTS[i] * half * tmp[k];
            }
        }
        return out;
    }

    private static void add(double[] acc, double[] v, double sign) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] = Math.max(0, acc[k] + sign * v[k]);
        }
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
