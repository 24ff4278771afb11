package org.robust4j.layers.init;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;

/**
 * Weight initialisers with PyTorch's definitions. {@code fanIn} of a conv kernel
 * {@code [c_out, c_in, kh, kw]} is {@code c_in kh kw}, its {@code fanOut} is {@code c_out kh kw}.
 */
public final class Init {
    private Init() {}

    /** Uniform on {@code [-bound, bound]}. */
    public static Tensor uniform(LayerContext c, double bound, int... shape) {
        return Tensor.uniform(c.backend(), c.generator(), c.dtype(), -bound, bound, shape);
    }

    public static Tensor normal(LayerContext c, double std, int... shape) {
        return Tensor.randn(c.backend(), c.generator(), c.dtype(), shape).mul(std);
    }

    /** Kaiming (He) uniform with negative slope {@code a}: bound {@code sqrt(6 / ((1 + a^2) fanIn))}. */
    public static Tensor kaimingUniform(LayerContext c, double a, int fanIn, int... shape) {
        double gain = Math.sqrt(2.0 / (1 + a * a));
        return uniform(c, gain * Math.sqrt(3.0 / fanIn), shape);
    }

    /** Kaiming (He) normal for ReLU: std {@code sqrt(2 / fanIn)}. */
    public static Tensor kaimingNormal(LayerContext c, int fanIn, int... shape) {
        return normal(c, Math.sqrt(2.0 / fanIn), shape);
    }

    /** Xavier (Glorot) uniform: bound {@code sqrt(6 / (fanIn + fanOut))}. */
    public static Tensor xavierUniform(LayerContext c, int fanIn, int fanOut, int... shape) {
        return uniform(c, Math.sqrt(6.0 / (fanIn + fanOut)), shape);
    }

    public static Tensor xavierNormal(LayerContext c, int fanIn, int fanOut, int... shape) {
        return normal(c, Math.sqrt(2.0 / (fanIn + fanOut)), shape);
    }

    /**
     * A (semi-)orthogonal matrix, as {@code torch.nn.init.orthogonal_}: the Q factor of a
     * Gaussian matrix with the signs of R's diagonal folded in, reshaped to {@code shape}
     * (rows = shape[0], columns = the rest).
     */
    public static Tensor orthogonal(LayerContext c, double gain, int... shape) {
        checkArgument(shape.length >= 2, "orthogonal: needs at least 2 dimensions, got %s", shape.length);
        int rows = shape[0];
        int cols = 1;
        for (int i = 1; i < shape.length; i++) {
            cols *= shape[i];
        }
        boolean wide = rows < cols;
        int m = wide ? cols : rows;
        int n = wide ? rows : cols;
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = c.generator().nextGaussian();
        }
        double[] q = Orthogonalize.thinQ(a, m, n);
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = gain * (wide ? q[j * n + i] : q[i * n + j]);
            }
        }
        return Tensor.of(c.backend(), out, shape).cast(c.dtype());
    }
}
