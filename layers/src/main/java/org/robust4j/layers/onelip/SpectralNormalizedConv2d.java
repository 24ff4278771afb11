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
 * A convolution ("same" zero padding, odd kernel, optional stride) divided by the spectral norm of
 * its operator on the current input size, {@code sigma} from the user's {@link SpectralNormaliser}
 * (Gram bound: at most 1-Lipschitz; power iteration: from below). {@link #lipschitzBound} reports
 * {@code U / sigma} with {@code U} the per-frequency norm of the circular embedding (an upper bound).
 */
public final class SpectralNormalizedConv2d extends Module implements LipschitzBounded {
    private final int in;
    private final int out;
    private final int kernelSize;
    private final int stride;
    private final Conv2dSpec spec;
    private final Parameter kernel;
    private final Parameter bias;
    private final SpectralNormaliser normaliser;

    public SpectralNormalizedConv2d(LayerContext c, int in, int out, int kernelSize, int stride,
                                    SpectralNormaliser.Method method) {
        checkArgument(in > 0 && out > 0, "SpectralNormalizedConv2d: channels must be positive, got %s -> %s", in, out);
        checkArgument(kernelSize > 0 && kernelSize % 2 == 1,
                "SpectralNormalizedConv2d: kernel size must be odd and positive, got %s", kernelSize);
        checkArgument(stride >= 1, "SpectralNormalizedConv2d: stride must be >= 1, got %s", stride);
        this.in = in;
        this.out = out;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.spec = Conv2dSpec.of(stride, kernelSize / 2);
        int fanIn = in * kernelSize * kernelSize;
        this.kernel = registerParameter("kernel", Init.kaimingUniform(c, Math.sqrt(5), fanIn, out, in, kernelSize, kernelSize));
        this.bias = registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(fanIn), out));
        this.normaliser = new SpectralNormaliser(method);
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 4 && x.dim(1) == in, "SpectralNormalizedConv2d(%s -> %s): input %s should be [N, %s, H, W]",
                in, out, x.shape(), in);
        Tensor k = kernel.value();
        Tensor sigma = normaliser.sigma(k, geometry(x.dim(2), x.dim(3)), isTraining());
        return x.conv2d(k.div(sigma), spec).addChannelBias(bias.value());
    }

    private ConvGeometry geometry(int h, int w) {
        return ConvGeometry.same(kernel.value().shape(), h, w, stride, PadMode.ZERO);
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() == 3 && input.dim(0) == in,
                "SpectralNormalizedConv2d(%s): sample shape %s should be [%s, H, W]", in, input, in);
        ConvGeometry g = geometry(input.dim(1), input.dim(2));
        Tensor k = kernel.value();
        double sigma = normaliser.sigmaInUse(k, g, isTraining());
        return SpectralNormalizedLinear.ratio(SpectralNormaliser.upper(k, g), sigma, normaliser);
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

    @Override
    protected String describe() {
        return in + " -> " + out + ", kernel " + kernelSize + "x" + kernelSize + ", stride " + stride + ", "
                + normaliser.method().name().toLowerCase();
    }
}
