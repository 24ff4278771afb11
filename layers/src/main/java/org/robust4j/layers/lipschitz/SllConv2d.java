package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;

/**
 * SLL convolutional layer: {@code h(x) = x - 2 K^T T^{-1} relu(K x + b)}, where {@code K} is a
 * stride-1 convolution {@code channels -> inner} with an odd {@code k x k} kernel and "same" zero
 * padding, {@code K^T} its transposed convolution, and {@code t_i = sum_{j, shifts} |K K^T|_ij q_j / q_i}
 * from the kernel convolved with itself ({@code [inner, inner, 2k-1, 2k-1]}: the entries of
 * {@code K K^T} at every relative shift). Unlike the official code, any odd kernel size works
 * (not only 3x3) and {@code q} weighs the two channel axes as the paper says (the official
 * code's {@code q} cancels out). Every row sum of the zero-padded operator's {@code |K K^T|} is at
 * most {@code t_i}, so the layer is 1-Lipschitz at every input size.
 */
public final class SllConv2d extends Module implements LipschitzBounded {
    private final int channels;
    private final int inner;
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter q;

    public SllConv2d(LayerContext c, int channels, int inner, int kernel) {
        checkArgument(channels > 0 && inner > 0, "SllConv2d: channels and inner must be positive, got %s, %s",
                channels, inner);
        checkArgument(kernel > 0 && kernel % 2 == 1, "SllConv2d: the kernel size must be odd, got %s", kernel);
        this.channels = channels;
        this.inner = inner;
        this.kernel = kernel;
        int fanIn = channels * kernel * kernel;
        int fanOut = inner * kernel * kernel;
        this.weight = registerParameter("weight", Init.xavierNormal(c, fanIn, fanOut, inner, channels, kernel, kernel));
        this.bias = registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(fanIn), inner));
        this.q = registerParameter("q", Init.normal(c, 1.0, inner));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 4 && x.dim(1) == channels, "SllConv2d(%s, inner %s): input %s should be [n, %s, h, w]",
                channels, inner, x.shape(), channels);
        return apply(x, weight.value(), bias.value(), q.value());
    }

    /** The layer as a function of its input and parameters (what the gradient checks differentiate). */
    static Tensor apply(Tensor x, Tensor k, Tensor b, Tensor q) {
        int inner = k.dim(0);
        Conv2dSpec spec = Conv2dSpec.of(1, k.dim(2) / 2);
        Tensor res = x.conv2d(k, spec).addChannelBias(b).relu().mul(inverseT(k, q).reshape(1, inner, 1, 1));
        return x.sub(res.conv2dInputGrad(k, x.shape(), spec).mul(2));
    }

    /** {@code 1/t} per inner channel. */
    static Tensor inverseT(Tensor k, Tensor q) {
        int inner = k.dim(0);
        // The kernel as a batch of `inner` images with `channels` channels, correlated with itself.
        Tensor ktk = k.conv2d(k, Conv2dSpec.of(1, k.dim(2) - 1)).abs();   // [inner, inner, 2k-1, 2k-1]
        Tensor t = ktk.mul(q.exp().reshape(1, inner, 1, 1)).sum(1, 2, 3).mul(q.neg().exp());
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
        return channels + ", inner " + inner + ", kernel " + kernel;
    }
}
