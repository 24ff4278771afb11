package org.robust4j.core.optim;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
 * with PyTorch's update rule: {@code d = g + wd p; b = mu b + (1 - dampening) d} (b = d on the
 * first step){@code ; d = nesterov ? d + mu b : b; p -= lr d}.
 */
public final class Sgd extends Optimizer {
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;

    public Sgd(List<Parameter> params, double lr) {
        super(params, lr);
    }

    public Sgd momentum(double m) {
        checkArgument(m >= 0 && m < 1, "sgd: momentum must be in [0, 1), got %s", m);
        this.momentum = m;
        return this;
    }

    public Sgd dampening(double d) {
        this.dampening = d;
        return this;
    }

    public Sgd nesterov(boolean on) {
        this.nesterov = on;
        return this;
    }

    public Sgd weightDecay(double wd) {
        checkArgument(wd >= 0, "sgd: weight decay must be >= 0, got %s", wd);
        this.weightDecay = wd;
        return this;
    }

    @Override
    protected void update(Parameter p, Tensor grad, long t) {
        checkArgument(!nesterov || (momentum > 0 && dampening == 0), "sgd: Nesterov needs momentum > 0 and no dampening");
        Tensor w = p.value();
        Tensor d = weightDecay > 0 && p.decay() ? grad.add(w.mul(weightDecay)) : grad;
        if (momentum > 0) {
            Tensor buf = state(p, v -> new Tensor[] {Tensor.zerosLike(v)})[0];
            if (t == 1) {
                buf.assign(d);
            } else {
                buf.assign(buf.mul(momentum).add(d.mul(1 - dampening)));
            }
            d = nesterov ? d.add(buf.mul(momentum)) : buf;
        }
        w.applyInPlace(BinaryOp.SUB, d.mul(lr));   // in place: no copy of every parameter per step
    }
}
