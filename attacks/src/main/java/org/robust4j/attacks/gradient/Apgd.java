package org.robust4j.attacks.gradient;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.Arrays;
import org.robust4j.attacks.AttackLoss;
import org.robust4j.attacks.AttackSettings;
import org.robust4j.attacks.BaseAttack;
import org.robust4j.attacks.Carry;
import org.robust4j.attacks.Logits;
import org.robust4j.attacks.Norm;
import org.robust4j.attacks.Rows;
import org.robust4j.attacks.eot.GradientEstimate;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Auto-PGD (Croce and Hein, ICML 2020), as AutoAttack's {@code APGDAttack} implements it
 * (research note section 5): PGD with momentum and a step size that adapts per sample, with no
 * step size to tune.
 * <ul>
 *   <li>Start: {@code x + eps t / ||t||} with {@code t} uniform in {@code [-1, 1]^d} (l_inf) or
 *       Gaussian (l_2), clipped to the box. Initial step {@code eta = 2 eps}.
 *   <li>Step: {@code z = P(x_k + eta d(grad))}, then
 *       {@code x_{k+1} = P(x_k + a (z - x_k) + (1 - a)(x_k - x_{k-1}))} with {@code a = 0.75}
 *       ({@code a = 1} at the first step); {@code P} projects onto the ball and clips to the box.
 *   <li>Checkpoints: the first after {@code 0.22 N} iterations, then at intervals shrinking by
 *       {@code 0.03 N} down to {@code 0.06 N}. At a checkpoint a sample's step is halved, and it
 *       restarts from its best point with its best gradient, when the objective increased in at
 *       most a fraction {@code rho = 0.75} of the steps since the last checkpoint, or when its
 *       step was not halved at the last checkpoint and its best objective has not improved since.
 *   <li>Result: per sample, the last iterate the model misclassified (as the goal requires), or
 *       else the iterate of highest objective. Samples the model already misclassifies are not
 *       attacked and keep their input (AutoAttack's {@code perturb}). With restarts, each run
 *       attacks only the samples not broken yet (AutoAttack's {@code n_restarts}).
 * </ul>
 * One difference from AutoAttack's code: its oscillation count at the first checkpoint compares
 * the first step's loss with an uninitialised entry of its loss history (zero); here it is
 * compared with the loss at the starting point.
 *
 * <p>Defaults are AutoAttack's APGD-CE: 100 iterations, one run, cross-entropy, rho 0.75. With
 * {@code withLoss(AttackLoss.DLR)} it is APGD-DLR.
 */
public final class Apgd extends BaseAttack<Apgd> {
    private final Norm norm;
    private final double eps;
    private final int steps;
    private final int restarts;
    private final double rho;

    private Apgd(Norm norm, double eps, int steps, int restarts, double rho, AttackSettings settings) {
        super(settings);
        checkArgument(eps >= 0 && Double.isFinite(eps), "apgd: eps must be finite and >= 0, got %s", eps);
        checkArgument(steps >= 1, "apgd: steps must be >= 1, got %s", steps);
        checkArgument(restarts >= 1, "apgd: restarts must be >= 1 (the number of runs), got %s", restarts);
        checkArgument(rho > 0 && rho <= 1, "apgd: rho must be in (0, 1], got %s", rho);
        this.norm = norm;
        this.eps = eps;
        this.steps = steps;
        this.restarts = restarts;
        this.rho = rho;
    }

    /** APGD-CE in the l_inf ball, 100 iterations. */
    public static Apgd linf(double eps) {
        return of(Norm.LINF, eps, 100);
    }

    /** APGD-CE in the l_2 ball, 100 iterations. */
    public static Apgd l2(double eps) {
        return of(Norm.L2, eps, 100);
    }

    public static Apgd of(Norm norm, double eps, int steps) {
        return new Apgd(norm, eps, steps, 1, 0.75, AttackSettings.DEFAULT);
    }

    public Apgd withSteps(int n) {
        return new Apgd(norm, eps, n, restarts, rho, settings());
    }

    /** Number of runs (1 = no restart); each run after the first attacks only the samples not yet broken. */
    public Apgd withRestarts(int runs) {
        return new Apgd(norm, eps, steps, runs, rho, settings());
    }

    public Apgd withRho(double r) {
        return new Apgd(norm, eps, steps, restarts, r, settings());
    }

    @Override
    protected Apgd withSettings(AttackSettings s) {
        return new Apgd(norm, eps, steps, restarts, rho, s);
    }

    @Override
    protected Tensor perturb(Module model, Tensor x, Tensor labels, long[] labelValues, Generator g) {
        checkArgument(g != null, "%s: the random start needs a Generator", name());
        // As AutoAttack's perturb: a sample the model already gets wrong (as the goal defines it)
        // keeps its clean input and is not attacked.
        boolean[] broken;
        try (GradMode.Restore off = Autograd.noGrad(); Scope s = Scope.open()) {
            broken = goal().success(Logits.predictions(model.forward(x)), labelValues);
        }
        Tensor best = x;
        boolean first = true;
        for (int r = 0; r < restarts; r++) {
            int[] todo = Rows.where(broken, false);
            if (todo.length == 0) {
                break;
            }
            boolean whole = todo.length == x.dim(0);
            Tensor xs = whole ? x : Rows.take(x, todo);
            Tensor ys = whole ? labels : Rows.take(labels, todo);
            long[] ls = whole ? labelValues : Pgd.pick(labelValues, todo);
            boolean[] ok = new boolean[todo.length];
            Tensor adv = run(model, xs, ys, ls, g, r, ok);
            int[] okRows = Rows.where(ok, true);
            best = first ? (whole ? adv : Rows.replace(x, todo, adv))
                    : Rows.replace(best, Pgd.pick(todo, okRows), Rows.take(adv, okRows));
            first = false;
            for (int i : okRows) {
                broken[todo[i]] = true;
            }
        }
        return best == x ? x.copy() : best;   // a fresh array: the result is not the caller's input
    }

    /** One run; {@code broken} receives, per sample, whether some iterate met the goal. */
    private Tensor run(Module model, Tensor x0, Tensor y, long[] labelValues, Generator g, int restart,
                       boolean[] broken) {
        int n = x0.dim(0);
        int checkpoint = Math.max((int) (0.22 * steps), 1);
        int minInterval = Math.max((int) (0.06 * steps), 1);
        int decrease = Math.max((int) (0.03 * steps), 1);

        Tensor xAdv;
        try (GradMode.Restore off = Autograd.noGrad()) {
            xAdv = box().clip(x0.add(startDirection(x0, g).mul(eps)));
        }
        GradientEstimate e0 = eot().estimate(model, xAdv, y, loss(), goal());
        settings().listener().onStep(restart, 0, e0);
        Tensor grad = e0.gradient();
        double[] loss = e0.objective().toDoubleArray();
        mark(broken, goal().success(Logits.predictions(e0.logits()), labelValues));
        Tensor xBest = xAdv;
        Tensor xBestAdv = xAdv;
        Tensor gradBest = grad;
        Tensor xOld = xAdv;
        double[] lossBest = loss.clone();
        double[][] history = new double[steps + 1][];
        history[0] = loss;

        double[] stepSize = new double[n];
        Arrays.fill(stepSize, 2 * eps);
        double[] lossBestLastCheck = lossBest.clone();
        boolean[] reducedLastCheck = new boolean[n];
        Arrays.fill(reducedLastCheck, true);
        int interval = checkpoint;
        int sinceCheck = 0;

        for (int i = 0; i < steps; i++) {
            try (Scope s = Scope.open()) {
                Tensor xNext;
                try (GradMode.Restore off = Autograd.noGrad()) {
                    Tensor momentum = xAdv.sub(xOld);
                    double a = i > 0 ? 0.75 : 1.0;
                    Tensor eta = Rows.column(x0, stepSize);
                    Tensor z = project(x0, xAdv.add(norm.steepestAscent(grad).mul(eta)));
                    xNext = project(x0, xAdv.add(z.sub(xAdv).mul(a)).add(momentum.mul(1 - a)));
                }
                GradientEstimate e = eot().estimate(model, xNext, y, loss(), goal());
                settings().listener().onStep(restart, i + 1, e);
                double[] l = e.objective().toDoubleArray();
                history[i + 1] = l;
                boolean[] hit = goal().success(Logits.predictions(e.logits()), labelValues);
                mark(broken, hit);
                Tensor newBestAdv = Rows.select(hit, xNext, xBestAdv);
                boolean[] improved = new boolean[n];
                for (int j = 0; j < n; j++) {
                    if (l[j] > lossBest[j]) {
                        improved[j] = true;
                        lossBest[j] = l[j];
                    }
                }
                Tensor newBest = Rows.select(improved, xNext, xBest);
                Tensor newGradBest = Rows.select(improved, e.gradient(), gradBest);
                Tensor newAdv = xNext;
                Tensor newGrad = e.gradient();

                if (++sinceCheck == interval) {
                    boolean[] reduce = new boolean[n];
                    for (int j = 0; j < n; j++) {
                        int increases = 0;
                        for (int c = 0; c < interval; c++) {
                            increases += history[i + 1 - c][j] > history[i - c][j] ? 1 : 0;
                        }
                        boolean oscillates = increases <= interval * rho;
                        boolean stalled = !reducedLastCheck[j] && lossBestLastCheck[j] >= lossBest[j];
                        reduce[j] = oscillates || stalled;
                        if (reduce[j]) {
                            stepSize[j] /= 2;
                        }
                    }
                    reducedLastCheck = reduce;
                    lossBestLastCheck = lossBest.clone();
                    newAdv = Rows.select(reduce, newBest, newAdv);
                    newGrad = Rows.select(reduce, newGradBest, newGrad);
                    interval = Math.max(interval - decrease, minInterval);
                    sinceCheck = 0;
                }
                Carry.over(s, new Tensor[] {xAdv, xOld, grad, xBest, xBestAdv, gradBest},
                        new Tensor[] {newAdv, xAdv, newGrad, newBest, newBestAdv, newGradBest}, x0, y);
                xOld = xAdv;
                xAdv = newAdv;
                grad = newGrad;
                xBest = newBest;
                xBestAdv = newBestAdv;
                gradBest = newGradBest;
            }
        }
        return Rows.select(broken, xBestAdv, xBest);
    }

    /** A random direction of norm exactly 1 per sample (AutoAttack's start). */
    private Tensor startDirection(Tensor like, Generator g) {
        int[] shape = like.shape().toArray();
        Tensor t = norm == Norm.LINF ? Tensor.uniform(like.backend(), g, like.dtype(), -1, 1, shape)
                : Tensor.randn(like.backend(), g, like.dtype(), shape);
        return t.div(norm.perSample(t).add(1e-12));
    }

    private Tensor project(Tensor x0, Tensor point) {
        return box().clip(norm.projectAround(point, x0, eps));
    }

    private static void mark(boolean[] broken, boolean[] hit) {
        for (int j = 0; j < broken.length; j++) {
            broken[j] |= hit[j];
        }
    }

    @Override
    public String name() {
        return "apgd-" + (loss() == AttackLoss.CROSS_ENTROPY ? "ce" : loss().label()) + "-" + norm.label();
    }

    @Override
    public Norm norm() {
        return norm;
    }

    @Override
    public double eps() {
        return eps;
    }

    @Override
    protected String describeParameters() {
        return "eps=" + eps + ", steps=" + steps + (restarts > 1 ? ", restarts=" + restarts : "")
                + (rho != 0.75 ? ", rho=" + rho : "");
    }
}
