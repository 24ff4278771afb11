package org.robust4j.layers.standard;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;

/** Zeroes each element with probability {@code p} in training and rescales by {@code 1/(1-p)}; identity in eval. */
public final class Dropout extends Module {
    private final double p;
    private final Generator generator;

    public Dropout(LayerContext c, double p) {
        checkArgument(p >= 0 && p < 1, "Dropout: p must be in [0, 1), got %s", p);
        this.p = p;
        this.generator = c.generator().fork();
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        Tensor keep = Tensor.bernoulli(x.backend(), generator, x.dtype(), 1 - p, x.shape().toArray());
        return x.mul(keep).div(1 - p);
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    @Override
    protected String describe() {
        return "p=" + p;
    }
}
