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
 * Convex Potential Layer, dense (Meunier et al., ICML 2022; {@code ConvexPotentialLayerLinear}):
 *
 * <pre>  z = x - h W^T relu(W x + b),   h = 2 / (sigma^2 + 1e-6),   W [inner, features],</pre>
 *
 * an explicit Euler step of the gradient flow of a convex potential; 1-Lipschitz whenever
 * {@code sigma >= ||W||_2}. {@code sigma} comes from the user's {@link SpectralNormaliser}
 * (default: persistent power iteration, one step per training forward, converged in eval).
 * The Jacobian is {@code I - h W^T D W} with {@code 0 <= D <= I}, so the layer's constant is
 * exactly {@code max(1, h ||W||^2 - 1)}: {@link #lipschitzBound} reports that with the true norm,
 * never an assumed 1 (power iteration converges from below). PyTorch-Linear initialisation.
 */
public final class CplDense extends Module implements LipschitzBounded {
    static final double EPS = 1e-6;

    private final int features;
    private final int inner;
    private final Parameter weight;
    private final Parameter bias;
    private final SpectralNormaliser normaliser;

    public CplDense(LayerContext c, int features, int inner) {
        this(c, features, inner, SpectralNormaliser.Method.POWER_ITERATION);
    }

    public CplDense(LayerContext c, int features, int inner, SpectralNormaliser.Method method) {
        checkArgument(features > 0 && inner > 0, "CplDense: sizes must be positive, got features=%s inner=%s",
                features, inner);
        this.features = features;
        this.inner = inner;
        this.weight = registerParameter("weight", Init.kaimingUniform(c, Math.sqrt(5), features, inner, features));
        this.bias = registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(features), inner));
        this.normaliser = new SpectralNormaliser(method);
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 2 && x.dim(1) == features, "CplDense(%s, inner %s): input %s should be [N, %s]",
                features, inner, x.shape(), features);
        Tensor w = weight.value();
        Tensor sigma = normaliser.sigma(w, null, isTraining());
        return apply(x, w, bias.value(), sigma);
    }

    /** The layer for a given {@code sigma} (differentiable in all four). */
    static Tensor apply(Tensor x, Tensor w, Tensor b, Tensor sigma) {
        Tensor h = sigma.square().add(EPS).rdiv(2);
        return x.sub(x.matmul(w, false, true).add(b).relu().matmul(w).mul(h));
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() == 1 && input.dim(0) == features, "CplDense(%s): sample shape %s should be [%s]",
                features, input, features);
        Tensor w = weight.value();
        double sigma = normaliser.sigmaInUse(w, null, isTraining());
        return eulerStepBound(sigma, SpectralNormaliser.upper(w, null), "cpl-" + normaliser.method().name().toLowerCase());
    }

    /** {@code max(1, h U^2 - 1)} with {@code h = 2/(sigma^2 + eps)}: the constant of {@code I - h W^T D W}. */
    static SpectralNorm eulerStepBound(double sigma, double upper, String method) {
        double h = 2 / (sigma * sigma + EPS);
        return new SpectralNorm(Math.max(1, h * upper * upper - 1), SpectralNorm.Kind.UPPER, 0, null, method);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public SpectralNormaliser normaliser() {
        return normaliser;
    }

    public int features() {
        return features;
    }

    public int inner() {
        return inner;
    }

    @Override
    protected String describe() {
        return features + ", inner " + inner + ", " + normaliser.method().name().toLowerCase();
    }
}
