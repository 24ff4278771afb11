package org.robust4j.nd4j;

import static org.robust4j.nd4j.Nd4jBackend.exec;
import static org.robust4j.nd4j.Nd4jBackend.nd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.tensor.Shape;

/**
 * Convolution and pooling through libnd4j's custom ops ({@code conv2d}, {@code conv2d_bp},
 * {@code deconv2d}, {@code maxpool2d[_bp]}, {@code avgpool2d[_bp]}), NCHW data and
 * PyTorch's {@code [c_out, c_in, kh, kw]} kernel layout (libnd4j weight format 1). These run
 * on oneDNN when the oneDNN classifier is on the class path.
 */
final class Nd4jConvolution {
    private static final int SAME_MODE = 0;
    private static final int NCHW = 0;
    private static final int WEIGHTS_OIHW = 1;

    private final Nd4jBackend backend;

    Nd4jConvolution(Nd4jBackend backend) {
        this.backend = backend;
    }

    private static int[] convArgs(int kh, int kw, Conv2dSpec s) {
        return new int[] {kh, kw, s.strideH(), s.strideW(), s.padH(), s.padW(), s.dilationH(), s.dilationW(),
            SAME_MODE, NCHW, WEIGHTS_OIHW};
    }

    NDArray forward(NDArray x, NDArray w, Conv2dSpec spec) {
        Shape xs = x.shape();
        Shape ws = w.shape();
        Shape out = Shape.of(xs.dim(0), ws.dim(0), spec.outH(xs.dim(2), ws.dim(2)), spec.outW(xs.dim(3), ws.dim(3)));
        Nd4jArray z = backend.alloc(out, x.dtype());
        if (out.size() == 0) {
            return z;
        }
        if (xs.dim(1) == 0) {
            z.array().assign(0);
            return z;
        }
        exec(DynamicCustomOp.builder("conv2d").addInputs(nd(x), nd(w)).addOutputs(z.array())
                .addIntegerArguments(convArgs(ws.dim(2), ws.dim(3), spec)).build());
        return z;
    }

    /**
     * The transposed convolution (gradient of {@code conv2d} with respect to its input). libnd4j's
     * own {@code conv2d_input_bp} has no oneDNN implementation and was 4 to 80 times slower than
     * {@code deconv2d} on CPU (measured on [128, 32, 28, 28] inputs: 1.1 s against 14 ms), so
     * this runs {@code deconv2d} (oneDNN): directly when its output size is the input size (the
     * strides tile the padded input exactly); otherwise without padding, into the full
     * transposed output, from which the input's window is cut (rows past its end get no window
     * and so a zero gradient).
     */
    NDArray inputGrad(NDArray gy, NDArray w, Shape inputShape, Conv2dSpec spec) {
        Shape ws = w.shape();
        Nd4jArray gx = backend.alloc(inputShape, gy.dtype());
        if (inputShape.size() == 0) {
            return gx;
        }
        if (gy.shape().size() == 0) {
            gx.array().assign(0);
            return gx;
        }
        int kh = ws.dim(2);
        int kw = ws.dim(3);
        int h = inputShape.dim(2);
        int wd = inputShape.dim(3);
        int fullH = spec.strideH() * (gy.shape().dim(2) - 1) + spec.dilationH() * (kh - 1) + 1;
        int fullW = spec.strideW() * (gy.shape().dim(3) - 1) + spec.dilationW() * (kw - 1) + 1;
        // deconv2d reads the kernel as [iC, oC, kH, kW] with format 1: conv2d's [c_out, c_in, kh, kw].
        if (fullH - 2 * spec.padH() == h && fullW - 2 * spec.padW() == wd) {
            exec(DynamicCustomOp.builder("deconv2d").addInputs(nd(gy), nd(w)).addOutputs(gx.array())
                    .addIntegerArguments(convArgs(kh, kw, spec)).build());
            return gx;
        }
        Conv2dSpec unpadded = new Conv2dSpec(spec.strideH(), spec.strideW(), 0, 0, spec.dilationH(), spec.dilationW(),
                spec.groups());
        try (Nd4jArray full = backend.alloc(Shape.of(inputShape.dim(0), inputShape.dim(1), fullH, fullW), gy.dtype())) {
            exec(DynamicCustomOp.builder("deconv2d").addInputs(nd(gy), nd(w)).addOutputs(full.array())
                    .addIntegerArguments(convArgs(kh, kw, unpadded)).build());
            int rows = Math.min(h, fullH - spec.padH());
            int cols = Math.min(wd, fullW - spec.padW());
            INDArray target = gx.array();
            if (rows < h || cols < wd) {
                target.assign(0);
                if (rows <= 0 || cols <= 0) {
                    return gx;
                }
                target = target.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, rows),
                        NDArrayIndex.interval(0, cols));
            }
            target.assign(full.array().get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(spec.padH(), spec.padH() + rows),
                    NDArrayIndex.interval(spec.padW(), spec.padW() + cols)));
        }
        return gx;
    }

    /** Both gradients with one {@code conv2d_bp}; {@code w} may be null when only the weight gradient is wanted. */
    NDArray[] backward(NDArray x, NDArray w, NDArray gy, Shape weightShape, Conv2dSpec spec,
                       boolean needInput, boolean needWeight) {
        Nd4jArray gx = backend.alloc(x.shape(), x.dtype());
        Nd4jArray gw = backend.alloc(weightShape, x.dtype());
        if (x.shape().size() == 0 || gy.shape().size() == 0 || weightShape.size() == 0) {
            gx.array().assign(0);
            gw.array().assign(0);
        } else {
            // conv2d_bp reads the weights only for the input gradient; any array of the right shape will do.
            NDArray weights = w != null ? w : gw;
            exec(DynamicCustomOp.builder("conv2d_bp").addInputs(nd(x), nd(weights), nd(gy))
                    .addOutputs(gx.array(), gw.array())
                    .addIntegerArguments(convArgs(weightShape.dim(2), weightShape.dim(3), spec)).build());
        }
        if (!needInput) {
            gx.close();
        }
        if (!needWeight) {
            gw.close();
        }
        return new NDArray[] {needInput ? gx : null, needWeight ? gw : null};
    }

    private static int[] poolArgs(Pool2dSpec p, boolean max) {
        // extraParam0 for average pooling: 1 divides by the full window (padding counted as zeros).
        return new int[] {p.kernelH(), p.kernelW(), p.strideH(), p.strideW(), p.padH(), p.padW(), 1, 1,
            SAME_MODE, max ? 0 : 1, NCHW};
    }

    NDArray pool(NDArray x, Pool2dSpec p, boolean max) {
        Shape xs = x.shape();
        Shape out = Shape.of(xs.dim(0), xs.dim(1), p.outH(xs.dim(2)), p.outW(xs.dim(3)));
        Nd4jArray z = backend.alloc(out, x.dtype());
        if (out.size() == 0) {
            return z;
        }
        exec(DynamicCustomOp.builder(max ? "maxpool2d" : "avgpool2d").addInputs(nd(x)).addOutputs(z.array())
                .addIntegerArguments(poolArgs(p, max)).build());
        return z;
    }

    /** {@code x} is only read by max pooling; average pooling gets a placeholder of the input's shape. */
    NDArray poolGrad(INDArray x, Shape inputShape, NDArray gy, Pool2dSpec p, boolean max) {
        Nd4jArray gx = backend.alloc(inputShape, gy.dtype());
        if (inputShape.size() == 0) {
            return gx;
        }
        INDArray in = x != null ? x : gx.array();
        exec(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp").addInputs(in, nd(gy))
                .addOutputs(gx.array()).addIntegerArguments(poolArgs(p, max)).build());
        return gx;
    }
}
