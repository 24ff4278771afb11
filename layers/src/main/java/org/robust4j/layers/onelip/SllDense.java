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
 * SDP-based Lipschitz Layer, dense (Araujo et al., ICLR 2023; {@code SDPBasedLipschitzLinearLayer}):
 *
 * <pre>  h(x) = x - 2 W^T T^{-1} relu(W x + b),   W [inner, features],  T from {@link SllScaling}.</pre>
 *
 * A residual layer on {@code [N, features]} that is 1-Lipschitz for every value of its
 * parameters. Initialisation as the official code: Xavier-normal {@code W}, bias uniform on
 * {@code +-1/sqrt(features)}, {@code q} standard normal.
 */
public final class SllDense extends Module implements LipschitzBounded {
    private final int features;
    private final int inner;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter q;

    public SllDense(LayerContext c, int features, int inner) {
        checkArgument(features > 0 && inner > 0, "SllDense: sizes must be positive, got features=%s inner=%s",
                features, inner);
        this.features = features;
        this.inner = inner;
        this.weight = registerParameter("weight", Init.xavierNormal(c, features, inner, inner, features));
        this.bias = registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(features), inner));
        this.q = registerParameter("q", Init.normal(c, 1.0, inner));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 2 && x.dim(1) == features, "SllDense(%s, inner %s): input %s should be [N, %s]",
                features, inner, x.shape(), features);
        return apply(x, weight.value(), bias.value(), q.value());
    }

    /** The layer as a function of its input and parameters (differentiable in all four). */
    static Tensor apply(Tensor x, Tensor w, Tensor bias, Tensor q) {
        Tensor res = x.matmul(w, false, true).add(bias).relu().mul(scaling(w, q));
        return x.sub(res.matmul(w).mul(2));
    }

    /** The diagonal of {@code T^{-1}} for the current weights, {@code [inner]}. */
    public Tensor scaling() {
        return scaling(weight.value(), q.value());
    }

    static Tensor scaling(Tensor w, Tensor q) {
        return SllScaling.inverseDiagonal(w.matmul(w, false, true), q);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() == 1 && input.dim(0) == features, "SllDense(%s): sample shape %s should be [%s]",
                features, input, features);
        return new SpectralNorm(1.0, SpectralNorm.Kind.UPPER, 0, null, "sll");
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public Parameter q() {
        return q;
    }

    public int features() {
        return features;
    }

    public int inner() {
        return inner;
    }

    @Override
    protected String describe() {
        return features + ", inner " + inner;
    }
}
