package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;
import org.robust4j.layers.lipschitz.GramIteration;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * The LLN head (last layer normalisation, Singla et al.; {@code LinearNormalized} in the SLL/CPL
 * code): {@code y = W_hat x + b} with every row of {@code W_hat = W / ||W_row||} of unit l2 norm
 * (as {@code F.normalize}, the norm is floored at 1e-12). Each logit difference
 * {@code y_i - y_j} is {@code ||w_hat_i - w_hat_j||}-Lipschitz, which the pairwise certificate
 * (certify's {@code LlnMarginCertificate}, given {@link #weight()}) uses; the head as a whole is
 * <em>not</em> 1-Lipschitz, so {@link #lipschitzBound} reports the spectral norm of {@code W_hat}
 * (an upper bound by Gram iteration, up to {@code sqrt(classes)}), never an assumed 1.
 */
public final class LinearNormalized extends Module implements LipschitzBounded {
    private static final double FLOOR = 1e-12;

    private final int in;
    private final int classes;
    private final Parameter weight;
    private final Parameter bias;

    public LinearNormalized(LayerContext c, int in, int classes) {
        checkArgument(in > 0 && classes > 0, "LinearNormalized: sizes must be positive, got %s -> %s", in, classes);
        this.in = in;
        this.classes = classes;
        this.weight = registerParameter("weight", Init.kaimingUniform(c, Math.sqrt(5), in, classes, in));
        this.bias = registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(in), classes));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 2 && x.dim(1) == in, "LinearNormalized(%s -> %s): input %s should be [N, %s]",
                in, classes, x.shape(), in);
        return apply(x, weight.value(), bias.value());
    }

    static Tensor apply(Tensor x, Tensor w, Tensor b) {
        return x.matmul(normalize(w), false, true).add(b);
    }

    /** {@code W} with unit rows, {@code [classes, in]}. */
    public Tensor normalizedWeight() {
        return normalize(weight.value());
    }

    private static Tensor normalize(Tensor w) {
        return w.div(w.norm(new int[] {1}, true).maximum(FLOOR));
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() == 1 && input.dim(0) == in, "LinearNormalized(%s): sample shape %s should be [%s]",
                in, input, in);
        return new GramIteration().dense(normalizedWeight().detach().cast(DType.FLOAT64));
    }

    /** The raw weight {@code [classes, in]} (rows are normalised in the forward pass). */
    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int classes() {
        return classes;
    }

    @Override
    protected String describe() {
        return in + " -> " + classes + ", unit rows";
    }
}
