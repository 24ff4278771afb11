package org.robust4j.core.backend;

import static org.robust4j.core.util.Checks.checkArgument;

/**
 * Geometry of a 2-D convolution (cross-correlation, as in PyTorch) on NCHW inputs with
 * {@code [c_out, c_in/groups, kh, kw]} kernels and zero padding. Circular padding is done by
 * {@link Backend#pad} before the convolution.
 */
public record Conv2dSpec(int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups) {
    public Conv2dSpec {
        checkArgument(strideH > 0 && strideW > 0, "conv2d: stride must be positive, got %sx%s", strideH, strideW);
        checkArgument(padH >= 0 && padW >= 0, "conv2d: padding must be >= 0, got %sx%s", padH, padW);
        checkArgument(dilationH > 0 && dilationW > 0, "conv2d: dilation must be positive, got %sx%s", dilationH, dilationW);
        checkArgument(groups > 0, "conv2d: groups must be positive, got %s", groups);
    }

    public static Conv2dSpec of(int stride, int padding) {
        return new Conv2dSpec(stride, stride, padding, padding, 1, 1, 1);
    }

    public static Conv2dSpec defaults() {
        return of(1, 0);
    }

    public Conv2dSpec withGroups(int g) {
        return new Conv2dSpec(strideH, strideW, padH, padW, dilationH, dilationW, g);
    }

    /** Output height for input height {@code h} and kernel height {@code kh}. */
    public int outH(int h, int kh) {
        // floorDiv: a kernel larger than the padded input must give a size <= 0, not 1
        return Math.floorDiv(h + 2 * padH - dilationH * (kh - 1) - 1, strideH) + 1;
    }

    public int outW(int w, int kw) {
        return Math.floorDiv(w + 2 * padW - dilationW * (kw - 1) - 1, strideW) + 1;
    }
}
