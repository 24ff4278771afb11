package org.robust4j.layers.structured;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;
import org.robust4j.layers.lipschitz.GramIteration;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * {@code y = U V x + b} with {@code U [out, rank]}, {@code V [rank, in]}: {@code rank (in + out)}
 * weights plus {@code out} for the bias. Init: {@code V ~ N(0, 1/in)}, {@code U ~ N(0, 2/rank)},
 * so {@code UV} has the entry variance {@code 2/in} of He initialisation.
 */
public final class LowRank extends Module implements LipschitzBounded {
    private final int in;
    private final int out;
    private final int rank;
    private final Parameter left;
    private final Parameter right;
    private final Parameter bias;

    public LowRank(LayerContext c, int in, int out, int rank) {
        checkArgument(in > 0 && out > 0, "LowRank: sizes must be positive, got %s -> %s", in, out);
        checkArgument(rank > 0 && rank <= Math.min(in, out), "LowRank(%s -> %s): rank must be in [1, %s], got %s",
                in, out, Math.min(in, out), rank);
        this.in = in;
        this.out = out;
        this.rank = rank;
        this.left = registerParameter("left", Init.normal(c, Math.sqrt(2.0 / rank), out, rank));
        this.right = registerParameter("right", Init.normal(c, Math.sqrt(1.0 / in), rank, in));
        this.bias = registerParameter("bias", Tensor.zeros(c.backend(), c.dtype(), out));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() >= 1 && x.dim(-1) == in, "LowRank(%s -> %s): input %s should end with %s features",
                in, out, x.shape(), in);
        return x.matmul(right.value(), false, true).matmul(left.value(), false, true).add(bias.value());
    }

    /** Gram iteration on {@code U V} in FLOAT64: a tight upper bound. */
    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.size() == in, "LowRank(%s -> %s): sample shape %s does not have %s features",
                in, out, input, in);
        try (Scope scope = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
            Tensor w = left.value().cast(DType.FLOAT64).matmul(right.value().cast(DType.FLOAT64));
            return new GramIteration().dense(w);
        }
    }

    public Parameter left() {
        return left;
    }

    public Parameter right() {
        return right;
    }

    public Parameter bias() {
        return bias;
    }

    public int rank() {
        return rank;
    }

    @Override
    protected String describe() {
        return in + " -> " + out + ", rank " + rank;
    }
}
