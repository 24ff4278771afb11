package org.robust4j.layers.standard;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;

/**
 * {@code y = x W^T + b} with {@code W [out, in]} (PyTorch's layout and default initialisation:
 * Kaiming uniform with {@code a = sqrt 5}, bias uniform on {@code +-1/sqrt(in)}).
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public Linear(LayerContext c, int in, int out) {
        this(c, in, out, true);
    }

    public Linear(LayerContext c, int in, int out, boolean bias) {
        checkArgument(in > 0 && out > 0, "Linear: sizes must be positive, got %s -> %s", in, out);
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight", Init.kaimingUniform(c, Math.sqrt(5), in, out, in));
        this.bias = bias ? registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(in), out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 1 && x.dim(-1) == in, "Linear(%s -> %s): input %s should end with %s features",
                in, out, x.shape(), in);
        Tensor y = x.matmul(weight.value(), false, true);
        return bias == null ? y : y.add(bias.value());
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    @Override
    protected String describe() {
        return in + " -> " + out + (bias == null ? ", no bias" : "");
    }
}
