package org.robust4j.core.optim;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Tensor;

/**
 * Adam (Kingma and Ba) with bias correction, and AdamW (Loshchilov and Hutter) when weight
 * decay is {@linkplain #decoupled() decoupled}: Adam adds {@code wd p} to the gradient, AdamW
 * shrinks the weights by {@code (1 - lr wd)} before the step. Same rules as PyTorch.
 */
public final class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean decoupled;

    public Adam(List<Parameter> params, double lr) {
        super(params, lr);
    }

    /** AdamW with PyTorch's default weight decay of 0.01. */
    public static Adam adamW(List<Parameter> params, double lr) {
        return new Adam(params, lr).weightDecay(0.01).decoupled();
    }

    public Adam betas(double b1, double b2) {
        checkArgument(b1 >= 0 && b1 < 1 && b2 >= 0 && b2 < 1, "adam: betas must be in [0, 1), got %s, %s", b1, b2);
        this.beta1 = b1;
        this.beta2 = b2;
        return this;
    }

    public Adam eps(double e) {
        checkArgument(e > 0, "adam: eps must be positive, got %s", e);
        this.eps = e;
        return this;
    }

    public Adam weightDecay(double wd) {
        checkArgument(wd >= 0, "adam: weight decay must be >= 0, got %s", wd);
        this.weightDecay = wd;
        return this;
    }

    /** Decoupled weight decay (AdamW). */
    public Adam decoupled() {
        this.decoupled = true;
        return this;
    }

    @Override
    protected void update(Parameter p, Tensor grad, long t) {
        Tensor w = p.value();
        Tensor[] s = state(p, v -> new Tensor[] {Tensor.zerosLike(v), Tensor.zerosLike(v)});
        Tensor m = s[0];
        Tensor v = s[1];
        Tensor g = grad;
        if (weightDecay > 0 && p.decay()) {
            if (decoupled) {
                w.assign(w.mul(1 - lr * weightDecay));
            } else {
                g = g.add(w.mul(weightDecay));
            }
        }
        m.assign(m.mul(beta1).add(g.mul(1 - beta1)));
        v.assign(v.mul(beta2).add(g.square().mul(1 - beta2)));
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        Tensor denom = v.div(c2).sqrt().add(eps);
        w.assign(w.sub(m.div(denom).mul(lr / c1)));
    }
}
