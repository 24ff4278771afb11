package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * Almost-Orthogonal Lipschitz linear layer (Prach &amp; Lampert, ECCV 2022):
 *
 * <pre>  y = P D x + b,   d_i = (sum_j |(P^T P)_ij|)^(-1/2)  (0 for a zero column),   P [out, in],</pre>
 *
 * so {@code ||P D||_2 <= 1} for every {@code P} (weighted Gershgorin on {@code D P^T P D}); linear,
 * so an activation such as MaxMin goes between layers. No epsilon in the sum (the official code's
 * {@code +1e-6} only shrinks {@code d}); the inverse square root is safe at 0. Orthogonal
 * initialisation, where {@code D = I} and the layer is orthogonal ({@code out >= in}).
 */
public final class AolDense extends Module implements LipschitzBounded {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public AolDense(LayerContext c, int in, int out) {
        checkArgument(in > 0 && out > 0, "AolDense: sizes must be positive, got %s -> %s", in, out);
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight", Init.orthogonal(c, 1.0, out, in));
        this.bias = registerParameter("bias", Tensor.zeros(c.backend(), c.dtype(), out));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 2 && x.dim(1) == in, "AolDense(%s -> %s): input %s should be [N, %s]", in, out,
                x.shape(), in);
        return x.matmul(rescaled(weight.value()), false, true).add(bias.value());
    }

    static Tensor apply(Tensor x, Tensor p, Tensor b) {
        return x.matmul(rescaled(p), false, true).add(b);
    }

    /** {@code P D}, the weight the layer applies. */
    public Tensor effectiveWeight() {
        return rescaled(weight.value());
    }

    static Tensor rescaled(Tensor p) {
        Tensor rowSums = p.matmul(p, true, false).abs().sum(1); // [in]
        return p.mul(inverseSqrt(rowSums).reshape(1, p.dim(1)));
    }

    /** {@code t^(-1/2)} where {@code t > 0}, else 0, with a finite gradient at 0. */
    static Tensor inverseSqrt(Tensor t) {
        return SllScaling.safeInverseSqrt(t);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() == 1 && input.dim(0) == in, "AolDense(%s): sample shape %s should be [%s]", in, input, in);
        return new SpectralNorm(1.0, SpectralNorm.Kind.UPPER, 0, null, "aol");
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
        return in + " -> " + out;
    }
}
