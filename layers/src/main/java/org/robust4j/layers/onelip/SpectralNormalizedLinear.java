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
 * {@code y = (W / sigma) x + b}, a Linear layer divided by its spectral norm (Miyato et al. 2018),
 * {@code sigma} from the user's {@link SpectralNormaliser}: Gram iteration (an upper bound: the
 * layer is at most 1-Lipschitz) or persistent power iteration (from below: slightly above 1
 * until converged). {@link #lipschitzBound} reports {@code ||W|| / sigma} with the SVD norm.
 * PyTorch-Linear initialisation.
 */
public final class SpectralNormalizedLinear extends Module implements LipschitzBounded {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private final SpectralNormaliser normaliser;

    public SpectralNormalizedLinear(LayerContext c, int in, int out, SpectralNormaliser.Method method) {
        checkArgument(in > 0 && out > 0, "SpectralNormalizedLinear: sizes must be positive, got %s -> %s", in, out);
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight", Init.kaimingUniform(c, Math.sqrt(5), in, out, in));
        this.bias = registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(in), out));
        this.normaliser = new SpectralNormaliser(method);
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 2 && x.dim(1) == in, "SpectralNormalizedLinear(%s -> %s): input %s should be [N, %s]",
                in, out, x.shape(), in);
        Tensor w = weight.value();
        Tensor sigma = normaliser.sigma(w, null, isTraining());
        return x.matmul(w.div(sigma), false, true).add(bias.value());
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() == 1 && input.dim(0) == in, "SpectralNormalizedLinear(%s): sample shape %s should be [%s]",
                in, input, in);
        Tensor w = weight.value();
        double sigma = normaliser.sigmaInUse(w, null, isTraining());
        return ratio(SpectralNormaliser.upper(w, null), sigma, normaliser);
    }

    /** {@code upper / sigma}, with a zero weight (both 0) giving 0. */
    static SpectralNorm ratio(double upper, double sigma, SpectralNormaliser n) {
        double v = upper == 0 ? 0 : upper / sigma;
        return new SpectralNorm(v, SpectralNorm.Kind.UPPER, 0, null, "spectral-" + n.method().name().toLowerCase());
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

    @Override
    protected String describe() {
        return in + " -> " + out + ", " + normaliser.method().name().toLowerCase();
    }
}
