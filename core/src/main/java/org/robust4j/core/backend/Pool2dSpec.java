package org.robust4j.core.backend;

import static org.robust4j.core.util.Checks.checkArgument;

/**
 * Geometry of 2-D max or average pooling on NCHW inputs. Padding is implicit: ignored by max
 * pooling, counted as zeros by average pooling (PyTorch's {@code count_include_pad=True}).
 */
public record Pool2dSpec(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
    public Pool2dSpec {
        checkArgument(kernelH > 0 && kernelW > 0, "pool2d: kernel must be positive, got %sx%s", kernelH, kernelW);
        checkArgument(strideH > 0 && strideW > 0, "pool2d: stride must be positive, got %sx%s", strideH, strideW);
        checkArgument(padH >= 0 && padW >= 0 && 2 * padH <= kernelH && 2 * padW <= kernelW,
                "pool2d: padding must be between 0 and half the kernel, got %sx%s for kernel %sx%s",
                padH, padW, kernelH, kernelW);
    }

    /** Square kernel, stride equal to the kernel, no padding (the common case). */
    public static Pool2dSpec of(int kernel) {
        return new Pool2dSpec(kernel, kernel, kernel, kernel, 0, 0);
    }

    public static Pool2dSpec of(int kernel, int stride, int padding) {
        return new Pool2dSpec(kernel, kernel, stride, stride, padding, padding);
    }

    public int outH(int h) {
        // floorDiv: a window larger than the padded input must give a size <= 0, not 1
        return Math.floorDiv(h + 2 * padH - kernelH, strideH) + 1;
    }

    public int outW(int w) {
        return Math.floorDiv(w + 2 * padW - kernelW, strideW) + 1;
    }
}
