package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.Shape;

/**
 * Where a convolution kernel {@code [c_out, c_in, kh, kw]} acts: an {@code inputH x inputW}
 * input, a stride, and {@code padH}/{@code padW} pixels of zero or circular padding on each
 * side. The operator is the one {@code Conv2d} computes (cross-correlation):
 *
 * <pre>  y[o, i, j] = sum_{c,u,v} K[o, c, u, v] * x~[c, s*i + u - padH, s*j + v - padW]</pre>
 *
 * for {@code 0 <= i < outH}, {@code 0 <= j < outW}, where {@code x~} is {@code x} extended by
 * zeros ({@link PadMode#ZERO}) or periodically ({@link PadMode#CIRCULAR}).
 */
public record ConvGeometry(int inputH, int inputW, int stride, int padH, int padW, PadMode padding) {

    public ConvGeometry {
        checkArgument(inputH > 0 && inputW > 0, "ConvGeometry: input size must be positive, got %sx%s", inputH, inputW);
        checkArgument(stride > 0, "ConvGeometry: stride must be positive, got %s", stride);
        checkArgument(padH >= 0 && padW >= 0, "ConvGeometry: padding must be >= 0, got %sx%s", padH, padW);
        checkNotNull(padding, "padding");
    }

    /**
     * PyTorch's "same"-style padding {@code kh/2, kw/2} for {@code kernel}, the convention of the
     * command line and of {@code Conv2d.Options.circular()}.
     */
    public static ConvGeometry same(Shape kernel, int inputH, int inputW, int stride, PadMode padding) {
        checkKernel("ConvGeometry.same", kernel);
        return new ConvGeometry(inputH, inputW, stride, kernel.dim(2) / 2, kernel.dim(3) / 2, padding);
    }

    /** Stride 1, "same" circular padding on an {@code n x n} input: the torus setting of Sedghi et al. */
    public static ConvGeometry circular(Shape kernel, int n) {
        return same(kernel, n, n, 1, PadMode.CIRCULAR);
    }

    public ConvGeometry withStride(int s) {
        return new ConvGeometry(inputH, inputW, s, padH, padW, padding);
    }

    public int outH(int kh) {
        return Math.floorDiv(inputH + 2 * padH - kh, stride) + 1;
    }

    public int outW(int kw) {
        return Math.floorDiv(inputW + 2 * padW - kw, stride) + 1;
    }

    /** Checks that {@code kernel} is 4-D and leaves at least one output pixel; names the op on failure. */
    public void check(String op, Shape kernel) {
        checkKernel(op, kernel);
        checkArgument(outH(kernel.dim(2)) >= 1 && outW(kernel.dim(3)) >= 1,
                "%s: kernel %s is larger than the padded input %sx%s (padding %sx%s)", op, kernel,
                inputH + 2 * padH, inputW + 2 * padW, padH, padW);
    }

    static void checkKernel(String op, Shape kernel) {
        checkArgument(kernel.rank() == 4 && kernel.size() > 0,
                "%s: a convolution kernel must be a non-empty [c_out, c_in, kh, kw] tensor, got %s", op, kernel);
    }

    @Override
    public String toString() {
        return inputH + "x" + inputW + ", stride " + stride + ", padding " + padH + "x" + padW + " "
                + padding.name().toLowerCase(java.util.Locale.ROOT);
    }
}
