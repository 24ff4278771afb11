package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;

/**
 * SLL dense layer (Araujo et al., ICLR 2023): the 1-Lipschitz residual
 * {@code h(x) = x - 2 W^T T^{-1} relu(W x + b)} with {@code W [inner, features]} and
 * {@code T = diag(t)}, {@code t_i = sum_j |W W^T|_ij q_j / q_i}, {@code q = exp(q_param) > 0}.
 * The Gershgorin argument makes {@code T - W W^T} positive semidefinite, hence the layer is
 * 1-Lipschitz for every weight; a zero row gives {@code t_i = 0} and is skipped (safe inverse).
 * Initialisation as the official code: Xavier-normal {@code W}, {@code b ~ U(+-1/sqrt(features))},
 * {@code q_param ~ N(0, 1)}.
 */
public final class SllDense extends Module implements LipschitzBounded {
    private final int features;
    private final int inner;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter q;

    public SllDense(LayerContext c, int features, int inner) {
        checkArgument(features > 0 && inner > 0, "SllDense: sizes must be positive, got features %s, inner %s",
                features, inner);
        this.features = features;
        this.inner = inner;
        this.weight = registerParameter("weight", Init.xavierNormal(c, features, inner, inner, features));
        this.bias = registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(features), inner));
        this.q = registerParameter("q", Init.normal(c, 1.0, inner));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 2 && x.dim(1) == features, "SllDense(%s, inner %s): input %s should be [batch, %s]",
                features, inner, x.shape(), features);
        return apply(x, weight.value(), bias.value(), q.value());
    }

    /** The layer as a function of its input and parameters (what the gradient checks differentiate). */
    static Tensor apply(Tensor x, Tensor w, Tensor b, Tensor q) {
        Tensor res = x.matmul(w, false, true).add(b).relu().mul(inverseT(w, q));
        return x.sub(res.matmul(w).mul(2));
    }

    /** {@code 1/t} per inner unit, the diagonal of {@code T^{-1}}: {@code t_i = exp(-q_i) sum_j |W W^T|_ij exp(q_j)}. */
    static Tensor inverseT(Tensor w, Tensor q) {
        Tensor gram = w.matmul(w, false, true).abs();           // |W W^T|, [inner, inner]
        Tensor t = gram.mul(q.exp().reshape(1, q.dim(0))).sum(1).mul(q.neg().exp());
        return SafeInverse.of(t);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        return new SpectralNorm(1.0, SpectralNorm.Kind.UPPER, 0, weight.value().dtype(), "sll");
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

    @Override
    protected String describe() {
        return features + ", inner " + inner;
    }
}
