package org.robust4j.nd4j;

import static org.robust4j.nd4j.Nd4jBackend.exec;
import static org.robust4j.nd4j.Nd4jBackend.nd;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.tensor.Shape;

/**
 * Convolution and pooling through libnd4j's custom ops ({@code conv2d}, {@code conv2d_bp},
 * {@code conv2d_input_bp}, {@code maxpool2d[_bp]}, {@code avgpool2d[_bp]}), NCHW data and
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
        // libnd4j's conv2d_input_bp takes a generic path about 8x slower than conv2d_bp (which
        // oneDNN runs), so compute both and drop the weight gradient. conv2d_bp reads the input's
        // values only for the weight gradient: a scratch array of the right shape will do.
        INDArray scratchX = backend.tempRaw(inputShape, gx.array().dataType());
        INDArray scratchW = backend.tempRaw(ws, gx.array().dataType());
        try {
            exec(DynamicCustomOp.builder("conv2d_bp").addInputs(scratchX, nd(w), nd(gy))
                    .addOutputs(gx.array(), scratchW)
                    .addIntegerArguments(convArgs(ws.dim(2), ws.dim(3), spec)).build());
        } finally {
            backend.giveBack(scratchX);
            backend.giveBack(scratchW);
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
