package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * SDP-based Lipschitz Layer, convolutional ({@code SDPBasedLipschitzConvLayer}):
 *
 * <pre>  h(x) = x - 2 K^T T^{-1} relu(K x + b)</pre>
 *
 * with {@code K} a stride-1, "same" zero-padded convolution {@code channels -> inner} with an odd
 * {@code k x k} kernel and {@code K^T} its adjoint (transposed convolution). The entries of
 * {@code K K^T} are the kernel correlated with itself over every relative shift
 * ({@code [inner, inner, 2k-1, 2k-1]}, padding {@code k-1}), so any odd kernel works (the reference
 * code hard-codes padding 1, i.e. 3x3 only). With zero padding the operator is a restriction of a
 * circular one on a larger torus, so its Gram is bounded by a principal submatrix of the circular
 * Gram and the same {@code T} keeps the layer 1-Lipschitz for every image size.
 */
public final class SllConv2d extends Module implements LipschitzBounded {
    private final int channels;
    private final int inner;
    private final int kernelSize;
    private final Conv2dSpec spec;
    private final Conv2dSpec gramSpec;
    private final Parameter kernel;
    private final Parameter bias;
    private final Parameter q;

    public SllConv2d(LayerContext c, int channels, int inner, int kernelSize) {
        checkArgument(channels > 0 && inner > 0, "SllConv2d: channels must be positive, got channels=%s inner=%s",
                channels, inner);
        checkArgument(kernelSize > 0 && kernelSize % 2 == 1, "SllConv2d: kernel size must be odd and positive, got %s",
                kernelSize);
        this.channels = channels;
        this.inner = inner;
        this.kernelSize = kernelSize;
        this.spec = Conv2dSpec.of(1, kernelSize / 2);
        this.gramSpec = Conv2dSpec.of(1, kernelSize - 1);
        int area = kernelSize * kernelSize;
        this.kernel = registerParameter("kernel",
                Init.xavierNormal(c, channels * area, inner * area, inner, channels, kernelSize, kernelSize));
        this.bias = registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(channels * area), inner));
        this.q = registerParameter("q", Init.normal(c, 1.0, inner));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 4 && x.dim(1) == channels, "SllConv2d(%s, inner %s): input %s should be [N, %s, H, W]",
                channels, inner, x.shape(), channels);
        return apply(x, kernel.value(), bias.value(), q.value());
    }

    /** The layer as a function of its input and parameters (differentiable in all four). */
    Tensor apply(Tensor x, Tensor k, Tensor b, Tensor qv) {
        Tensor tInv = scaling(k, qv).reshape(1, inner, 1, 1);
        Tensor res = x.conv2d(k, spec).addChannelBias(b).relu().mul(tInv);
        return x.sub(res.conv2dInputGrad(k, x.shape(), spec).mul(2));
    }

    /** The diagonal of {@code T^{-1}} for the current kernel, {@code [inner]}. */
    public Tensor scaling() {
        return scaling(kernel.value(), q.value());
    }

    private Tensor scaling(Tensor k, Tensor qv) {
        // The kernel as a batch of `inner` images with `channels` channels, correlated with itself:
        // [inner, inner, 2k-1, 2k-1], the entries of K K^T at every relative shift.
        return SllScaling.inverseDiagonal(k.conv2d(k, gramSpec), qv);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() == 3 && input.dim(0) == channels, "SllConv2d(%s): sample shape %s should be [%s, H, W]",
                channels, input, channels);
        return new SpectralNorm(1.0, SpectralNorm.Kind.UPPER, 0, null, "sll");
    }

    public Parameter kernel() {
        return kernel;
    }

    public Parameter bias() {
        return bias;
    }

    public Parameter q() {
        return q;
    }

    public int channels() {
        return channels;
    }

    public int inner() {
        return inner;
    }

    public int kernelSize() {
        return kernelSize;
    }

    @Override
    protected String describe() {
        return channels + ", inner " + inner + ", kernel " + kernelSize + "x" + kernelSize;
    }
}
