package org.robust4j.layers.standard;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.init.Init;

/**
 * 2-D convolution (cross-correlation) on NCHW input with a {@code [c_out, c_in/groups, kh, kw]}
 * kernel, stride, dilation, groups, and zero or circular padding (circular wraps the image
 * around a torus, the setting where spectral norms have closed forms). PyTorch's default
 * initialisation.
 */
public final class Conv2d extends Module {
    /** Geometry and options; {@code of(k)} gives stride 1, no padding, bias, zero padding mode. */
    public record Options(int kernelH, int kernelW, int stride, int padding, PadMode paddingMode, int dilation,
                          int groups, boolean bias) {
        public static Options of(int kernel) {
            return new Options(kernel, kernel, 1, 0, PadMode.ZERO, 1, 1, true);
        }

        public Options stride(int s) {
            return new Options(kernelH, kernelW, s, padding, paddingMode, dilation, groups, bias);
        }

        public Options padding(int p) {
            return new Options(kernelH, kernelW, stride, p, paddingMode, dilation, groups, bias);
        }

        /** {@code padding = kernel / 2} with wrap-around. */
        public Options circular() {
            return new Options(kernelH, kernelW, stride, padding == 0 ? kernelH / 2 : padding, PadMode.CIRCULAR,
                    dilation, groups, bias);
        }

        public Options paddingMode(PadMode m) {
            return new Options(kernelH, kernelW, stride, padding, m, dilation, groups, bias);
        }

        public Options dilation(int d) {
            return new Options(kernelH, kernelW, stride, padding, paddingMode, d, groups, bias);
        }

        public Options groups(int g) {
            return new Options(kernelH, kernelW, stride, padding, paddingMode, dilation, g, bias);
        }

        public Options noBias() {
            return new Options(kernelH, kernelW, stride, padding, paddingMode, dilation, groups, false);
        }

        public Options kernel(int kh, int kw) {
            return new Options(kh, kw, stride, padding, paddingMode, dilation, groups, bias);
        }
    }

    private final int in;
    private final int out;
    private final Options opt;
    private final Conv2dSpec spec;
    private final Parameter weight;
    private final Parameter bias;

    public Conv2d(LayerContext c, int in, int out, int kernel) {
        this(c, in, out, Options.of(kernel));
    }

    public Conv2d(LayerContext c, int in, int out, int kernel, int stride, int padding) {
        this(c, in, out, Options.of(kernel).stride(stride).padding(padding));
    }

    public Conv2d(LayerContext c, int in, int out, Options opt) {
        checkArgument(in > 0 && out > 0, "Conv2d: channels must be positive, got %s -> %s", in, out);
        checkArgument(in % opt.groups() == 0 && out % opt.groups() == 0,
                "Conv2d: channels %s -> %s must be divisible by groups=%s", in, out, opt.groups());
        this.in = in;
        this.out = out;
        this.opt = opt;
        boolean circ = opt.paddingMode() == PadMode.CIRCULAR;
        this.spec = new Conv2dSpec(opt.stride(), opt.stride(), circ ? 0 : opt.padding(), circ ? 0 : opt.padding(),
                opt.dilation(), opt.dilation(), opt.groups());
        int fanIn = in / opt.groups() * opt.kernelH() * opt.kernelW();
        this.weight = registerParameter("weight",
                Init.kaimingUniform(c, Math.sqrt(5), fanIn, out, in / opt.groups(), opt.kernelH(), opt.kernelW()));
        this.bias = opt.bias() ? registerParameter("bias", Init.uniform(c, 1 / Math.sqrt(fanIn), out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == 4 && x.dim(1) == in, "Conv2d(%s -> %s): input %s should be [N, %s, H, W]",
                in, out, x.shape(), in);
        Tensor h = opt.paddingMode() == PadMode.CIRCULAR && opt.padding() > 0
                ? x.pad2d(opt.padding(), opt.padding(), PadMode.CIRCULAR) : x;
        Tensor y = h.conv2d(weight.value(), spec);
        return bias == null ? y : y.addChannelBias(bias.value());
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public Options options() {
        return opt;
    }

    /** The convolution geometry applied after any circular padding. */
    public Conv2dSpec spec() {
        return spec;
    }

    public int inChannels() {
        return in;
    }

    public int outChannels() {
        return out;
    }

    @Override
    protected String describe() {
        return in + " -> " + out + ", kernel " + opt.kernelH() + "x" + opt.kernelW() + ", stride " + opt.stride()
                + ", padding " + opt.padding() + " " + opt.paddingMode().name().toLowerCase()
                + (opt.groups() > 1 ? ", groups " + opt.groups() : "") + (bias == null ? ", no bias" : "");
    }
}
