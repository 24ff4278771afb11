package org.robust4j.layers.standard;

import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/** {@code x} where positive, {@code slope x} elsewhere (PyTorch default slope 0.01). */
public final class LeakyReLU extends Module {
    private final double slope;

    public LeakyReLU() {
        this(0.01);
    }

    public LeakyReLU(double slope) {
        this.slope = slope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(slope);
    }

    /** The slope for negative inputs. */
    public double slope() {
        return slope;
    }

    @Override
    protected String describe() {
        return "slope " + slope;
    }
}
