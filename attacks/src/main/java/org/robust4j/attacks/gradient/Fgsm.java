package org.robust4j.attacks.gradient;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.attacks.AttackSettings;
import org.robust4j.attacks.BaseAttack;
import org.robust4j.attacks.Norm;
import org.robust4j.attacks.eot.GradientEstimate;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Tensor;

/**
 * The fast gradient sign method (Goodfellow, Shlens, Szegedy 2015), one step of size eps:
 * {@code x' = clip(x + eps sign(grad))} for l_inf, and its l_2 version, the fast gradient method
 * {@code x' = clip(x + eps grad / ||grad||_2)}. Targeted: a step down the loss toward the target.
 */
public final class Fgsm extends BaseAttack<Fgsm> {
    private final Norm norm;
    private final double eps;

    private Fgsm(Norm norm, double eps, AttackSettings settings) {
        super(settings);
        checkArgument(eps >= 0 && Double.isFinite(eps), "fgsm: eps must be finite and >= 0, got %s", eps);
        this.norm = norm;
        this.eps = eps;
    }

    /** FGSM: one signed-gradient step of size eps. */
    public static Fgsm linf(double eps) {
        return new Fgsm(Norm.LINF, eps, AttackSettings.DEFAULT);
    }

    /** FGM: one step of l_2 length eps along the gradient. */
    public static Fgsm l2(double eps) {
        return new Fgsm(Norm.L2, eps, AttackSettings.DEFAULT);
    }

    @Override
    protected Fgsm withSettings(AttackSettings s) {
        return new Fgsm(norm, eps, s);
    }

    @Override
    protected Tensor perturb(Module model, Tensor x, Tensor labels, long[] labelValues, Generator g) {
        GradientEstimate e = eot().estimate(model, x, labels, loss(), goal());
        try (GradMode.Restore off = Autograd.noGrad()) {
            return box().clip(x.add(norm.steepestAscent(e.gradient()).mul(eps)));
        }
    }

    @Override
    public String name() {
        return norm == Norm.LINF ? "fgsm" : "fgm-l2";
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
        return "eps=" + eps;
    }
}
