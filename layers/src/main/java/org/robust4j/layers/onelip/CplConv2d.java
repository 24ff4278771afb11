package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;
import org.robust4j.layers.lipschitz.ConvGeometry;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * Convex Potential Layer, convolutional ({@code ConvexPotentialLayerConv}):
 * {@code z = x - h K^T relu(K x + b)}, {@code h = 2 / (sigma^2 + 1e-6)}, with {@code K} a stride-1
 * "same" zero-padded convolution {@code channels -> inner} (odd kernel) and {@code K^T} its
 * transposed convolution. {@code sigma} is the norm of {@code K} on the current input size, from
 * the user's {@link SpectralNormaliser}; the bound is reported as for {@link CplDense}, with the
 * per-frequency norm of the circular embedding as the (upper) true norm.
 */
public final class CplConv2d extends Module implements LipschitzBounded {
    private final int channels;
    private final int inner;
    private final int kernelSize;
    private final Conv2dSpec spec;
    private final Parameter kernel;
    private final Parameter bias;
    private final SpectralNormaliser normaliser;

    public CplConv2d(LayerContext c, int channels, int inner, int kernelSize) {
        this(c, channels, inner, kernelSize, SpectralNormaliser.Method.POWER_ITERATION);
    }

    public CplConv2d(LayerContext c, int channels, int inner, int kernelSize, SpectralNormaliser.Method method) {
        checkArgument(channels > 0 && inner > 0, "CplConv2d: channels must be positive, got channels=%s inner=%s",
                channels, inner);
        checkArgument(kernelSize > 0 && kernelSize % 2 == 1, "CplConv2d: kernel size must be odd and positive, got %s",
                kernelSize);
        this.channels = channels;
        this.inner = inner;
        this.kernelSize = kernelSize;
        this.spec = Conv2dSpec.of(1, kernelSize / 2);
        int fanIn = channels * kernelSize * kernelSize;
        this.kernel = registerParameter("kernel",
                Init.kaimingUniform(c, Math.sqrt(5), fanIn, inner, channels, kernelSize, kernelSize));
        this.bias = registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(fanIn), inner));
        this.normaliser = new SpectralNormaliser(method);
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 4 && x.dim(1) == channels, "CplConv2d(%s, inner %s): input %s should be [N, %s, H, W]",
                channels, inner, x.shape(), channels);
        Tensor k = kernel.value();
        Tensor sigma = normaliser.sigma(k, geometry(x.dim(2), x.dim(3)), isTraining());
        return apply(x, k, bias.value(), sigma);
    }

    Tensor apply(Tensor x, Tensor k, Tensor b, Tensor sigma) {
        Tensor h = sigma.square().add(CplDense.EPS).rdiv(2);
        Tensor res = x.conv2d(k, spec).addChannelBias(b).relu();
        return x.sub(res.conv2dInputGrad(k, x.shape(), spec).mul(h));
    }

    private ConvGeometry geometry(int h, int w) {
        return ConvGeometry.same(kernel.value().shape(), h, w, 1, PadMode.ZERO);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() == 3 && input.dim(0) == channels, "CplConv2d(%s): sample shape %s should be [%s, H, W]",
                channels, input, channels);
        ConvGeometry g = geometry(input.dim(1), input.dim(2));
        Tensor k = kernel.value();
        double sigma = normaliser.sigmaInUse(k, g, isTraining());
        return CplDense.eulerStepBound(sigma, SpectralNormaliser.upper(k, g), "cpl-" + normaliser.method().name().toLowerCase());
    }

    public Parameter kernel() {
        return kernel;
    }

    public Parameter bias() {
        return bias;
    }

    public SpectralNormaliser normaliser() {
        return normaliser;
    }

    public int channels() {
        return channels;
    }

    public int inner() {
        return inner;
    }

    @Override
    protected String describe() {
        return channels + ", inner " + inner + ", kernel " + kernelSize + "x" + kernelSize + ", "
                + normaliser.method().name().toLowerCase();
    }
}
