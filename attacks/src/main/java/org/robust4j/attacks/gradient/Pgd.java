package org.robust4j.attacks.gradient;

import static org.robust4j.core.util.Checks.checkArgument;

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
 * Projected gradient descent (Madry, Makelov, Schmidt, Tsipras, Vladu 2018), research note
 * section 5:
 * <pre>
 * x_0     = clip_box(x + U(ball_eps))                            random start (optional)
 * x_{t+1} = clip_box( P_{ball_eps(x)}( x_t + alpha d(grad L(x_t)) ) )
 * </pre>
 * with {@code d(g) = sign(g)} for l_inf and {@code g / ||g||_2} per sample for l_2; the
 * projection onto the ball followed by the clip onto the box is the approximate projection onto
 * their intersection that every library uses. The l_2 random start is uniform in the ball.
 *
 * <p>Defaults: random start on (torchattacks, foolbox; ART has it off), one run, no early stop
 * (Madry's PGD keeps maximising the loss after the label flips, which adversarial training
 * wants). With {@linkplain #withRestarts restarts}, each further run attacks only the samples no
 * run has broken yet, and a sample keeps the first successful point (or the first run's last
 * iterate when none succeeds). With {@linkplain #withEarlyStop early stop}, a sample leaves the
 * batch at the first iterate the model misclassifies (as the goal requires), which is returned
 * for it; the remaining samples continue on a smaller batch.
 */
public final class Pgd extends BaseAttack<Pgd> {
    private final Norm norm;
    private final double eps;
    private final double alpha;
    private final int steps;
    private final boolean randomStart;
    private final int restarts;
    private final boolean earlyStop;

    private Pgd(Norm norm, double eps, double alpha, int steps, boolean randomStart, int restarts, boolean earlyStop,
                AttackSettings settings) {
        super(settings);
        checkArgument(eps >= 0 && Double.isFinite(eps), "pgd: eps must be finite and >= 0, got %s", eps);
        checkArgument(alpha >= 0 && Double.isFinite(alpha), "pgd: step size alpha must be finite and >= 0, got %s",
                alpha);
        checkArgument(steps >= 0, "pgd: steps must be >= 0, got %s", steps);
        checkArgument(restarts >= 1, "pgd: restarts must be >= 1 (the number of runs), got %s", restarts);
        this.norm = norm;
        this.eps = eps;
        this.alpha = alpha;
        this.steps = steps;
        this.randomStart = randomStart;
        this.restarts = restarts;
        this.earlyStop = earlyStop;
    }

    /** PGD in the l_inf ball: signed-gradient steps of size alpha, random start on. */
    public static Pgd linf(double eps, double alpha, int steps) {
        return new Pgd(Norm.LINF, eps, alpha, steps, true, 1, false, AttackSettings.DEFAULT);
    }

    /** PGD in the l_2 ball: normalised-gradient steps of length alpha, random start on. */
    public static Pgd l2(double eps, double alpha, int steps) {
        return new Pgd(Norm.L2, eps, alpha, steps, true, 1, false, AttackSettings.DEFAULT);
    }

    /** PGD in either norm. */
    public static Pgd of(Norm norm, double eps, double alpha, int steps) {
        return new Pgd(norm, eps, alpha, steps, true, 1, false, AttackSettings.DEFAULT);
    }

    public Pgd withRandomStart(boolean on) {
        return new Pgd(norm, eps, alpha, steps, on, restarts, earlyStop, settings());
    }

    /** Number of runs (1 = no restart); each run after the first attacks only the samples not yet broken. */
    public Pgd withRestarts(int runs) {
        return new Pgd(norm, eps, alpha, steps, randomStart, runs, earlyStop, settings());
    }

    /** Stop attacking a sample at the first iterate that meets the goal. */
    public Pgd withEarlyStop(boolean on) {
        return new Pgd(norm, eps, alpha, steps, randomStart, restarts, on, settings());
    }

    @Override
    protected Pgd withSettings(AttackSettings s) {
        return new Pgd(norm, eps, alpha, steps, randomStart, restarts, earlyStop, s);
    }

    @Override
    protected Tensor perturb(Module model, Tensor x, Tensor labels, long[] labelValues, Generator g) {
        checkArgument(!randomStart || g != null, "%s: the random start needs a Generator (or withRandomStart(false))",
                name());
        int n = x.dim(0);
        Tensor best = null;
        boolean[] broken = new boolean[n];
        for (int r = 0; r < restarts; r++) {
            int[] todo = Rows.where(broken, false);
            if (todo.length == 0) {
                break;
            }
            boolean whole = todo.length == n;
            Tensor xs = whole ? x : Rows.take(x, todo);
            Tensor ys = whole ? labels : Rows.take(labels, todo);
            long[] ls = whole ? labelValues : pick(labelValues, todo);
            Tensor adv = run(model, xs, ys, ls, g, r);
            if (restarts == 1) {
                return adv;
            }
            boolean[] ok = success(model, adv, ls);
            int[] okRows = Rows.where(ok, true);
            best = best == null ? adv : Rows.replace(best, pick(todo, okRows), Rows.take(adv, okRows));
            for (int i : okRows) {
                broken[todo[i]] = true;
            }
        }
        return best;
    }

    /** One run from a (random) start; with early stop, samples leave as soon as they are broken. */
    private Tensor run(Module model, Tensor x0, Tensor y, long[] labelValues, Generator g, int restart) {
        Tensor start;
        try (GradMode.Restore off = Autograd.noGrad()) {
            start = randomStart ? box().clip(x0.add(norm.uniformInBall(x0, eps, g))) : x0;
        }
        Active a = new Active(identity(x0.dim(0)), labelValues, x0, y, start);
        Tensor out = null;
        for (int t = 0; t < steps && a.size() > 0; t++) {
            try (Scope s = Scope.open()) {
                GradientEstimate e = eot().estimate(model, a.cur, a.y, loss(), goal());
                settings().listener().onStep(restart, t, e);
                Tensor grad = e.gradient();
                Active live = a;
                Tensor nextOut = out;
                if (earlyStop) {
                    boolean[] hit = goal().success(Logits.predictions(e.logits()), a.labels);
                    int[] hits = Rows.where(hit, true);
                    if (hits.length > 0) {
                        nextOut = Rows.replace(out == null ? x0 : out, pick(a.pos, hits), Rows.take(a.cur, hits));
                        int[] miss = Rows.where(hit, false);
                        live = a.retain(miss);
                        grad = Rows.take(grad, miss);
                    }
                }
                Active next = live.size() == 0 ? live : live.advance(step(live.x0, live.cur, grad));
                Carry.over(s, new Tensor[] {a.x0, a.y, a.cur, out}, new Tensor[] {next.x0, next.y, next.cur, nextOut},
                        x0, y);
                a = next;
                out = nextOut;
            }
        }
        if (out == null) {
            return a.cur;
        }
        return a.size() == 0 ? out : Rows.replace(out, a.pos, a.cur);
    }

    /** One projected step (no graph). */
    private Tensor step(Tensor x0, Tensor cur, Tensor grad) {
        try (GradMode.Restore off = Autograd.noGrad()) {
            Tensor moved = cur.add(norm.steepestAscent(grad).mul(alpha));
            return box().clip(norm.projectAround(moved, x0, eps));
        }
    }

    private boolean[] success(Module model, Tensor adv, long[] labelValues) {
        try (Scope s = Scope.open(); GradMode.Restore off = Autograd.noGrad()) {
            return goal().success(Logits.predictions(model.forward(adv)), labelValues);
        }
    }

    /** The samples still attacked: their positions in the run's batch, labels, inputs and current iterates. */
    private static final class Active {
        final int[] pos;
        final long[] labels;
        final Tensor x0;
        final Tensor y;
        final Tensor cur;

        Active(int[] pos, long[] labels, Tensor x0, Tensor y, Tensor cur) {
            this.pos = pos;
            this.labels = labels;
            this.x0 = x0;
            this.y = y;
            this.cur = cur;
        }

        int size() {
            return pos.length;
        }

        Active retain(int[] rows) {
            return new Active(pick(pos, rows), pick(labels, rows), Rows.take(x0, rows), Rows.take(y, rows),
                    Rows.take(cur, rows));
        }

        Active advance(Tensor newCur) {
            return new Active(pos, labels, x0, y, newCur);
        }
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    static int[] pick(int[] a, int[] rows) {
        int[] r = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            r[i] = a[rows[i]];
        }
        return r;
    }

    static long[] pick(long[] a, int[] rows) {
        long[] r = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            r[i] = a[rows[i]];
        }
        return r;
    }

    @Override
    public String name() {
        return "pgd-" + norm.label();
    }

    @Override
    public Norm norm() {
        return norm;
    }

    @Override
    public double eps() {
        return eps;
    }

    public double alpha() {
        return alpha;
    }

    public int steps() {
        return steps;
    }

    @Override
    protected String describeParameters() {
        return "eps=" + eps + ", alpha=" + alpha + ", steps=" + steps + (randomStart ? ", random start" : "")
                + (restarts > 1 ? ", restarts=" + restarts : "") + (earlyStop ? ", early stop" : "");
    }
}
