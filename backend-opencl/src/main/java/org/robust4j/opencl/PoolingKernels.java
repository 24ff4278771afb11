package org.robust4j.opencl;

import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.tensor.Shape;

/** Max and average pooling and their gradients ({@code pool.cl}), one work-item per output element. */
final class PoolingKernels {
    private static final String FILE = "pool.cl";

    private final OpenClBackend backend;

    PoolingKernels(OpenClBackend backend) {
        this.backend = backend;
    }

    ClArray maxPool(ClArray x, Pool2dSpec p) {
        return forward("max_pool", x, p);
    }

    ClArray avgPool(ClArray x, Pool2dSpec p) {
        return forward("avg_pool", x, p);
    }

    private ClArray forward(String kernel, ClArray x, Pool2dSpec p) {
        Shape s = x.shape();
        ClArray out = backend.alloc(Shape.of(s.dim(0), s.dim(1), p.outH(s.dim(2)), p.outW(s.dim(3))), x.dtype());
        int total = (int) out.shape().size();
        if (total == 0) {
            return out;
        }
        geometry(backend.launch(FILE, backend.typeOptions(x.dtype()), kernel), s, p)
                .mem(x.buffer(kernel)).i32(x.offset).int4(x.strides)
                .mem(out.buffer(kernel))
                .run3d(p.outW(s.dim(3)), p.outH(s.dim(2)), s.dim(0) * s.dim(1));
        return out;
    }

    ClArray maxPoolGrad(ClArray x, ClArray gy, Pool2dSpec p) {
        Shape s = x.shape();
        ClArray dx = backend.alloc(s, gy.dtype());
        int total = (int) s.size();
        if (total == 0) {
            return dx;
        }
        if (gy.shape().size() == 0) {
            backend.fill(dx, 0.0);
            return dx;
        }
        geometry(backend.launch(FILE, backend.typeOptions(x.dtype()), "max_pool_grad"), s, p)
                .mem(x.buffer("maxPool2dGrad")).i32(x.offset).int4(x.strides)
                .mem(gy.buffer("maxPool2dGrad")).i32(gy.offset).int4(gy.strides)
                .mem(dx.buffer("maxPool2dGrad"))
                .run3d(s.dim(3), s.dim(2), s.dim(0) * s.dim(1));
        return dx;
    }

    ClArray avgPoolGrad(Shape inputShape, ClArray gy, Pool2dSpec p) {
        ClArray dx = backend.alloc(inputShape, gy.dtype());
        int total = (int) inputShape.size();
        if (total == 0) {
            return dx;
        }
        if (gy.shape().size() == 0) {
            backend.fill(dx, 0.0);
            return dx;
        }
        geometry(backend.launch(FILE, backend.typeOptions(gy.dtype()), "avg_pool_grad"), inputShape, p)
                .mem(gy.buffer("avgPool2dGrad")).i32(gy.offset).int4(gy.strides)
                .mem(dx.buffer("avgPool2dGrad"))
                .run3d(inputShape.dim(3), inputShape.dim(2), inputShape.dim(0) * inputShape.dim(1));
        return dx;
    }

    private static Launch geometry(Launch l, Shape in, Pool2dSpec p) {
        return l.i32(in.dim(1)).i32(in.dim(2)).i32(in.dim(3))
                .i32(p.kernelH()).i32(p.kernelW()).i32(p.strideH()).i32(p.strideW()).i32(p.padH()).i32(p.padW())
                .i32(p.outH(in.dim(2))).i32(p.outW(in.dim(3)));
    }
}
