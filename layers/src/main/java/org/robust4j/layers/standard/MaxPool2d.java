package org.robust4j.layers.standard;

import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/** Max pooling over square windows (stride = kernel unless given). */
public final class MaxPool2d extends Module {
    private final Pool2dSpec spec;

    public MaxPool2d(int kernel) {
        this(Pool2dSpec.of(kernel));
    }

    public MaxPool2d(Pool2dSpec spec) {
        this.spec = spec;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.maxPool2d(spec);
    }

    public Pool2dSpec spec() {
        return spec;
    }

    @Override
    protected String describe() {
        return spec.kernelH() + "x" + spec.kernelW() + ", stride " + spec.strideH();
    }
}
