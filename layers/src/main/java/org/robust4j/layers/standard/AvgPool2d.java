package org.robust4j.layers.standard;

import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/**
 * Average pooling. With a {@code scale}, the result is multiplied by it: the SLL/CPL networks use
 * {@code AvgPool2d(4, divisor_override=4)}, i.e. {@code scale = 16/4 = 4} over 4x4 windows, which is
 * 1-Lipschitz (window sum / sqrt(window size)).
 */
public final class AvgPool2d extends Module {
    private final Pool2dSpec spec;
    private final double scale;

    public AvgPool2d(int kernel) {
        this(Pool2dSpec.of(kernel), 1.0);
    }

    public AvgPool2d(Pool2dSpec spec, double scale) {
        this.spec = spec;
        this.scale = scale;
    }

    /** Window sum divided by the square root of the window size: a 1-Lipschitz downsampling. */
    public static AvgPool2d normPreserving(int kernel) {
        return new AvgPool2d(Pool2dSpec.of(kernel), kernel);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x.avgPool2d(spec);
        return scale == 1.0 ? y : y.mul(scale);
    }

    public double scale() {
        return scale;
    }

    public Pool2dSpec spec() {
        return spec;
    }

    @Override
    protected String describe() {
        return spec.kernelH() + "x" + spec.kernelW() + ", stride " + spec.strideH() + (scale == 1.0 ? "" : ", scale " + scale);
    }
}
