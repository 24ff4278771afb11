package org.robust4j.attacks;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Tensor;

/**
 * The threat models: the norm that measures a perturbation of one sample. Every operation here
 * works per sample on a batch {@code [N, ...]}: the first axis indexes samples, the others are
 * the sample's coordinates.
 */
public enum Norm {
    /** The maximum norm: every coordinate may move by up to eps. */
    LINF("linf"),
    /** The Euclidean norm. */
    L2("l2");

    /** Added to a gradient norm before dividing by it (as the PyTorch peer and torchattacks do). */
    static final double TINY = 1e-12;

    private final String label;

    Norm(String label) {
        this.label = label;
    }

    /** {@code linf} or {@code l2}. */
    public String label() {
        return label;
    }

    /** Parses {@code linf}, {@code inf}, {@code l_inf}, {@code l2}, {@code 2}. */
    public static Norm parse(String s) {
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "linf": case "inf": case "l_inf": case "infinity": return LINF;
            case "l2": case "2": case "l_2": return L2;
            default: throw new IllegalArgumentException("unknown norm '" + s + "': expected linf or l2");
        }
    }

    /** Per-sample norms as a tensor {@code [N, 1, ..., 1]} that broadcasts against the batch. */
    public Tensor perSample(Tensor delta) {
        int[] axes = sampleAxes(delta);
        if (axes.length == 0) {
            return delta.abs();
        }
        return this == LINF ? delta.abs().max(axes, true) : delta.square().sum(axes, true).sqrt();
    }

    /** Per-sample norms on the host, in double precision (what results report). */
    public double[] values(Tensor delta) {
        int n = delta.dim(0);
        double[] v = delta.toDoubleArray();
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        int per = v.length / n;
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int j = i * per; j < (i + 1) * per; j++) {
                acc = this == LINF ? Math.max(acc, Math.abs(v[j])) : acc + v[j] * v[j];
            }
            out[i] = this == LINF ? acc : Math.sqrt(acc);
        }
        return out;
    }

    /**
     * The steepest-ascent direction of unit norm for gradient {@code g}: {@code sign(g)} for
     * l_inf (FGSM, Madry's PGD), {@code g / ||g||_2} per sample for l_2.
     */
    public Tensor steepestAscent(Tensor g) {
        return this == LINF ? g.sign() : g.div(perSample(g).add(TINY));
    }

    /** The projection of a perturbation onto the ball of radius {@code eps} centred at 0. */
    public Tensor project(Tensor delta, double eps) {
        if (this == LINF) {
            return delta.clamp(-eps, eps);
        }
        // delta * min(1, eps / ||delta||): the Euclidean projection onto the ball.
        return delta.mul(perSample(delta).add(TINY).rdiv(eps).minimum(1.0));
    }

    /**
     * The point of the eps-ball around {@code centre} closest to {@code point}, per sample (for
     * l_inf written as PyTorch implementations write it, {@code min(max(p, c - eps), c + eps)}, so
     * that rounding agrees with them).
     */
    public Tensor projectAround(Tensor point, Tensor centre, double eps) {
        if (this == LINF) {
            return point.clamp(centre.sub(eps), centre.add(eps));
        }
        return centre.add(project(point.sub(centre), eps));
    }

    /**
     * A point drawn uniformly from the ball of radius {@code eps}, per sample: uniform in the
     * cube for l_inf; for l_2 a Gaussian direction scaled by {@code eps u^(1/d)} (foolbox and ART;
     * torchattacks' radius {@code eps u} is not uniform in the ball, research note section 6.5).
     */
    public Tensor uniformInBall(Tensor like, double eps, Generator g) {
        checkArgument(g != null, "a random start needs a Generator");
        int[] shape = like.shape().toArray();
        if (this == LINF) {
            return Tensor.uniform(like.backend(), g, like.dtype(), -eps, eps, shape);
        }
        Tensor dir = Tensor.randn(like.backend(), g, like.dtype(), shape);
        double d = like.size() / Math.max(1, like.dim(0));
        int[] column = columnShape(like);
        Tensor radius = Tensor.rand(like.backend(), g, like.dtype(), column).pow(1.0 / d).mul(eps);
        return dir.div(perSample(dir).add(TINY)).mul(radius);
    }

    /** {@code [N, 1, ..., 1]} for a batch of the given shape. */
    static int[] columnShape(Tensor batch) {
        int[] s = new int[batch.rank()];
        java.util.Arrays.fill(s, 1);
        s[0] = batch.dim(0);
        return s;
    }

    private static int[] sampleAxes(Tensor t) {
        checkArgument(t.rank() >= 1, "a batch needs a leading sample axis, got %s", t.shape());
        int[] axes = new int[t.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return axes;
    }
}
