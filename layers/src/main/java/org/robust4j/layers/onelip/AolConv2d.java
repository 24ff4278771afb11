package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.lipschitz.LipschitzBounded;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * Almost-Orthogonal Lipschitz convolution (AOL, {@code aol_conv2d_rescale}): the kernel
 * {@code P [out, in, k, k]} with input channel {@code i} scaled by
 * {@code d_i = (sum_{j, shifts} |(P^T P)_ij(shift)|)^(-1/2)}, where {@code P^T P} over every relative
 * shift is the kernel with its channel axes swapped, correlated with itself ({@code [in, in, 2k-1, 2k-1]}).
 * Stride 1, "same" zero padding, odd kernels; 1-Lipschitz for every {@code P} and input size (zero
 * padding only restricts the circular operator). Dirac initialisation (the identity where
 * {@code out = in}), as Prach et al.
 */
public final class AolConv2d extends Module implements LipschitzBounded {
    private final int in;
    private final int out;
    private final int kernelSize;
    private final Conv2dSpec spec;
    private final Parameter kernel;
    private final Parameter bias;

    public AolConv2d(LayerContext c, int in, int out, int kernelSize) {
        checkArgument(in > 0 && out > 0, "AolConv2d: channels must be positive, got %s -> %s", in, out);
        checkArgument(kernelSize > 0 && kernelSize % 2 == 1, "AolConv2d: kernel size must be odd and positive, got %s",
                kernelSize);
        this.in = in;
        this.out = out;
        this.kernelSize = kernelSize;
        this.spec = Conv2dSpec.of(1, kernelSize / 2);
        double[] dirac = new double[out * in * kernelSize * kernelSize];
        int centre = (kernelSize / 2) * kernelSize + kernelSize / 2;
        for (int o = 0; o < Math.min(in, out); o++) {
            dirac[(o * in + o) * kernelSize * kernelSize + centre] = 1;
        }
        this.kernel = registerParameter("kernel",
                Tensor.of(c.backend(), dirac, out, in, kernelSize, kernelSize).cast(c.dtype()));
        this.bias = registerParameter("bias", Tensor.zeros(c.backend(), c.dtype(), out));
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 4 && x.dim(1) == in, "AolConv2d(%s -> %s): input %s should be [N, %s, H, W]", in, out,
                x.shape(), in);
        return apply(x, kernel.value(), bias.value());
    }

    Tensor apply(Tensor x, Tensor p, Tensor b) {
        return x.conv2d(rescaled(p), spec).addChannelBias(b);
    }

    /** The kernel the layer applies. */
    public Tensor effectiveKernel() {
        return rescaled(kernel.value());
    }

    private Tensor rescaled(Tensor p) {
        Tensor pt = p.transpose(0, 1); // [in, out, k, k]: a batch of `in` images with `out` channels
        Tensor gram = pt.conv2d(pt, Conv2dSpec.of(1, kernelSize - 1)); // [in, in, 2k-1, 2k-1]
        Tensor rowSums = gram.abs().sum(1, 2, 3);
        return p.mul(AolDense.inverseSqrt(rowSums).reshape(1, in, 1, 1));
    }

    @Override
    public SpectralNorm lipschitzBound(Shape input) {
        checkArgument(input.rank() == 3 && input.dim(0) == in, "AolConv2d(%s): sample shape %s should be [%s, H, W]",
                in, input, in);
        return new SpectralNorm(1.0, SpectralNorm.Kind.UPPER, 0, null, "aol");
    }

    public Parameter kernel() {
        return kernel;
    }

    public Parameter bias() {
        return bias;
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    @Override
    protected String describe() {
        return in + " -> " + out + ", kernel " + kernelSize + "x" + kernelSize;
    }
}
