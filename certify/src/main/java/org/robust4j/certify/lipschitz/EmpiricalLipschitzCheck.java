package org.robust4j.certify.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Measures lower bounds on a network's l2 Lipschitz constant and flags a network whose claimed
 * bound they exceed (as SLL issue #2 found for the LLN head: PGD on {@code ||f(x+dx) - f(x)|| / ||dx||}
 * reached about 1.8 for a network claimed 1-Lipschitz). Every estimate is a true lower bound on
 * the constant of the logit map {@code f}, so one above the claim proves the claim wrong:
 * <ul>
 *   <li>gradients: {@code ||grad_x (f_c - f_j)||_2 / sqrt(2) = ||J^T (e_c - e_j)|| / ||e_c - e_j||}
 *       for the predicted class {@code c} and every other {@code j};</li>
 *   <li>random pairs: {@code ||f(x) - f(x')|| / ||x - x'||} for {@code x'} at distance {@code r} in a
 *       random direction, and for pairs of different inputs;</li>
 *   <li>ascent: the same ratio after projected gradient ascent on the direction, with
 *       {@code ||x - x'|| = r} held fixed.</li>
 * </ul>
 * With per-pair claims (the LLN certificate's {@code L ||w_hat_i - w_hat_j||}), the gradient of
 * each {@code f_c - f_j} is also compared with its own claim.
 */
public final class EmpiricalLipschitzCheck {

    /**
     * @param radius the distance {@code r} of the random and ascent pairs
     * @param ascentSteps projected-ascent steps per input (0 to skip)
     * @param tolerance relative slack before a measurement counts as exceeding the claim (float rounding)
     */
    public record Options(double radius, int ascentSteps, double tolerance) {
        public Options {
            checkArgument(radius > 0 && ascentSteps >= 0 && tolerance >= 0,
                    "EmpiricalLipschitzCheck: need radius > 0, ascent steps >= 0, tolerance >= 0");
        }

        public static Options defaults() {
            return new Options(0.05, 20, 1e-3);
        }
    }

    /**
     * @param claimed the claimed global bound
     * @param gradientEstimate largest {@code ||grad (f_c - f_j)|| / sqrt 2}
     * @param randomPairEstimate largest ratio over random-direction pairs and pairs of inputs
     * @param ascentEstimate largest ratio after projected ascent
     * @param worstPairRatio largest {@code ||grad (f_c - f_j)|| / claim(c, j)} (NaN without per-pair claims)
     * @param exceedsClaim whether any estimate exceeds its claim by more than the tolerance
     */
    public record Result(double claimed, double gradientEstimate, double randomPairEstimate, double ascentEstimate,
                         double worstPairRatio, boolean exceedsClaim) {
        /** The largest lower bound measured. */
        public double measured() {
            return Math.max(gradientEstimate, Math.max(randomPairEstimate, ascentEstimate));
        }
    }

    private EmpiricalLipschitzCheck() {}

    /** Checks a claimed global bound on {@code inputs [N, ...]} (one batch; put the model in eval mode). */
    public static Result check(Module model, Tensor inputs, double claimed, Generator rng, Options o) {
        return check(model, inputs, claimed, null, rng, o);
    }

    /**
     * As {@link #check(Module, Tensor, double, Generator, Options)}, also comparing each
     * {@code f_c - f_j} with {@code pairClaims[c][j]} when given.
     */
    public static Result check(Module model, Tensor inputs, double claimed, double[][] pairClaims, Generator rng,
                               Options o) {
        checkArgument(inputs.rank() >= 2 && inputs.dim(0) > 0, "EmpiricalLipschitzCheck: inputs must be [N, ...], got %s",
                inputs.shape());
        double[] grad = gradientEstimates(model, inputs, pairClaims);
        double pairs = pairEstimate(model, inputs, rng, o.radius());
        double ascent = o.ascentSteps() > 0 ? ascentEstimate(model, inputs, rng, o) : 0.0;
        double limit = claimed * (1 + o.tolerance());
        boolean exceeds = grad[0] > limit || pairs > limit || ascent > limit
                || (pairClaims != null && grad[1] > 1 + o.tolerance());
        return new Result(claimed, grad[0], pairs, ascent, pairClaims == null ? Double.NaN : grad[1], exceeds);
    }

    /** {max ||grad (f_c - f_j)|| / sqrt 2, max ||grad (f_c - f_j)|| / claim(c, j)}. */
    private static double[] gradientEstimates(Module model, Tensor inputs, double[][] pairClaims) {
        int n = inputs.dim(0);
        double best = 0;
        double worstRatio = 0;
        int[] predicted;
        int classes;
        try (Scope s = Scope.open(); GradMode.Restore r = Autograd.noGrad()) {
            Tensor logits = model.forward(inputs);
            classes = logits.dim(1);
            predicted = logits.argMax(1).toIntArray();
        }
        for (int k = 1; k < classes; k++) {
            int[] other = new int[n];
            double[] mask = new double[n * classes];
            for (int i = 0; i < n; i++) {
                other[i] = (predicted[i] + k) % classes;
                mask[i * classes + predicted[i]] = 1;
                mask[i * classes + other[i]] = -1;
            }
            double[] norms;
            try (Scope s = Scope.open(); GradMode.Restore r = Autograd.enableGrad()) {
                Tensor x = inputs.detach().copy().requiresGrad(true);
                Tensor logits = model.forward(x);
                Tensor m = Tensor.of(x.backend(), mask, n, classes).cast(logits.dtype());
                Tensor g = Autograd.grad(logits.mul(m).sum(), x)[0];
                norms = perSampleNorm(g).toDoubleArray();
            }
            for (int i = 0; i < n; i++) {
                best = Math.max(best, norms[i] / Math.sqrt(2));
                if (pairClaims != null) {
                    worstRatio = Math.max(worstRatio, norms[i] / pairClaims[predicted[i]][other[i]]);
                }
            }
        }
        return new double[] {best, worstRatio};
    }

    /** Largest {@code ||f(x) - f(x')|| / ||x - x'||} over random directions at distance r and over input pairs. */
    private static double pairEstimate(Module model, Tensor inputs, Generator rng, double radius) {
        int n = inputs.dim(0);
        try (Scope s = Scope.open(); GradMode.Restore r = Autograd.noGrad()) {
            Tensor fx = model.forward(inputs);
            Tensor u = unit(Tensor.randn(inputs.backend(), rng, inputs.dtype(), inputs.shape().toArray()));
            Tensor fNear = model.forward(inputs.add(u.mul(radius)));
            double best = max(perSampleNorm(fNear.sub(fx)).toDoubleArray()) / radius;
            if (n > 1) {
                int[] perm = rng.permutation(n);
                Tensor idx = Tensor.ofInts(inputs.backend(), perm);
                Tensor other = inputs.gather(0, idx);
                double[] num = perSampleNorm(fx.sub(fx.gather(0, idx))).toDoubleArray();
                double[] den = perSampleNorm(inputs.sub(other)).toDoubleArray();
                for (int i = 0; i < n; i++) {
                    if (den[i] > 0) {
                        best = Math.max(best, num[i] / den[i]);
                    }
                }
            }
            return best;
        }
    }

    /** Projected gradient ascent on {@code ||f(x + delta) - f(x)||^2} over {@code ||delta|| = r}, per input. */
    private static double ascentEstimate(Module model, Tensor inputs, Generator rng, Options o) {
        double r = o.radius();
        try (Scope outer = Scope.open()) {
            Tensor fx;
            try (GradMode.Restore ng = Autograd.noGrad()) {
                fx = model.forward(inputs);
            }
            Tensor delta = unit(Tensor.randn(inputs.backend(), rng, inputs.dtype(), inputs.shape().toArray())).mul(r);
            double best = 0;
            for (int step = 0; step <= o.ascentSteps(); step++) {
                try (Scope s = Scope.open(); GradMode.Restore eg = Autograd.enableGrad()) {
                    Tensor d = delta.detach().requiresGrad(true);
                    Tensor diff = model.forward(inputs.add(d)).sub(fx);
                    best = Math.max(best, max(perSampleNorm(diff.detach()).toDoubleArray()) / r);
                    if (step == o.ascentSteps()) {
                        break;
                    }
                    Tensor g = Autograd.grad(diff.square().sum(), d)[0];
                    // Move along the normalised gradient by r, then back onto the sphere of radius r.
                    Tensor next = unit(d.detach().add(unit(g).mul(r))).mul(r);
                    delta = s.keep(next);
                }
            }
            return best;
        }
    }

    /** l2 norm of each sample (over every axis but the first), as a 1-D tensor. */
    private static Tensor perSampleNorm(Tensor t) {
        int[] axes = new int[t.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return axes.length == 0 ? t.abs() : t.square().sum(axes).sqrt();
    }

    /** Each sample scaled to unit l2 norm. */
    private static Tensor unit(Tensor t) {
        int[] axes = new int[t.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        Tensor norm = t.square().sum(axes, true).sqrt().maximum(1e-30);
        return t.div(norm);
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
