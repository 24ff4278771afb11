package org.robust4j.opencl;

import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * 2-D convolution and both gradients as im2col / col2im ({@code conv.cl}) around batched matrix
 * products ({@link GemmKernels}). Groups are a batch axis of those products (no per-group loop)
 * and dilation lives in the index arithmetic of im2col and col2im. The column matrix of a chunk of
 * the batch is scratch memory, so the batch is processed in chunks that keep it bounded.
 *
 * <p>With {@code KC = C*KH*KW} rows per image, {@code P = OH*OW} columns and {@code Kg = KC/G}
 * rows per group:
 * <ul>
 *   <li>forward: {@code y[n, g] = W[g] (Cout/G x Kg) @ col[n, g] (Kg x P)};
 *   <li>input gradient: {@code col[n, g] = W[g]^T @ gy[n, g]}, then col2im sums the columns back
 *       onto the input positions they were read from;
 *   <li>weight gradient: {@code gy[n, g] @ col[n, g]^T} for every image, summed over images (the
 *       images split the long reduction over {@code n*P} into parallel products).
 * </ul>
 */
final class ConvolutionKernels {
    private static final String FILE = "conv.cl";

    private final OpenClBackend backend;

    ConvolutionKernels(OpenClBackend backend) {
        this.backend = backend;
    }

    /** Sizes of one convolution. */
    private record Geometry(int n, int c, int h, int w, int cout, int kh, int kw, int oh, int ow, int groups,
                            Conv2dSpec spec) {
        static Geometry of(Shape x, Shape weight, Conv2dSpec s) {
            return new Geometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), weight.dim(0), weight.dim(2), weight.dim(3),
                    s.outH(x.dim(2), weight.dim(2)), s.outW(x.dim(3), weight.dim(3)), s.groups(), s);
        }

        int p() {
            return oh * ow;
        }

        int kc() {
            return c * kh * kw;
        }

        int kg() {
            return kc() / groups;
        }

        int coutG() {
            return cout / groups;
        }

        /** Images per chunk so that the chunk's column matrix stays within {@code limitBytes}. */
        int chunk(DType dt, long limitBytes) {
            long perImage = Math.max(1L, (long) kc() * p() * dt.bytes());
            return (int) Math.max(1, Math.min(n, limitBytes / perImage));
        }
    }

    ClArray forward(ClArray x, ClArray w, Conv2dSpec spec) {
        Geometry g = Geometry.of(x.shape(), w.shape(), spec);
        ClArray y = backend.alloc(Shape.of(g.n, g.cout, g.oh, g.ow), x.dtype());
        if (y.shape().size() == 0) {
            return y;
        }
        if (g.kc() == 0) {
            backend.fill(y, 0.0);
            return y;
        }
        DType dt = x.dtype();
        ClArray wd = dense(w);
        int nb = g.chunk(dt, chunkBytes());
        ClBuffer col = backend.workspace((long) nb * g.kc() * g.p() * dt.bytes());
        try {
            for (int n0 = 0; n0 < g.n; n0 += nb) {
                int count = Math.min(nb, g.n - n0);
                im2col(g, x, n0, count, col);
                backend.gemm.run(dt, g.coutG(), g.p(), g.kg(),
                        new GemmKernels.Operand(wd.buffer("conv2d"), wd.offset, g.kg(), 1),
                        new GemmKernels.Operand(col, 0, g.p(), 1),
                        y.buffer("conv2d"), n0 * g.cout * g.p(), g.p(),
                        Shape.of(count, g.groups), new int[] {0, g.coutG() * g.kg()},
                        new int[] {g.kc() * g.p(), g.kg() * g.p()}, new int[] {g.cout * g.p(), g.coutG() * g.p()});
            }
        } finally {
            backend.release(col);
            closeIfCopy(wd, w);
        }
        return y;
    }

    ClArray inputGrad(ClArray gy, ClArray w, Shape inputShape, Conv2dSpec spec) {
        Geometry g = Geometry.of(inputShape, w.shape(), spec);
        DType dt = gy.dtype();
        ClArray dx = backend.alloc(inputShape, dt);
        if (dx.shape().size() == 0) {
            return dx;
        }
        if (gy.shape().size() == 0) {
            backend.fill(dx, 0.0);
            return dx;
        }
        ClArray wd = dense(w);
        ClArray gd = spatiallyMerged(gy);
        int sp = gd.strides[3];
        int nb = g.chunk(dt, chunkBytes());
        ClBuffer col = backend.workspace((long) nb * g.kc() * g.p() * dt.bytes());
        try {
            for (int n0 = 0; n0 < g.n; n0 += nb) {
                int count = Math.min(nb, g.n - n0);
                backend.gemm.run(dt, g.kg(), g.p(), g.coutG(),
                        new GemmKernels.Operand(wd.buffer("conv2dInputGrad"), wd.offset, 1, g.kg()),
                        new GemmKernels.Operand(gd.buffer("conv2dInputGrad"), gd.offset + n0 * gd.strides[0],
                                gd.strides[1], sp),
                        col, 0, g.p(),
                        Shape.of(count, g.groups), new int[] {0, g.coutG() * g.kg()},
                        new int[] {gd.strides[0], g.coutG() * gd.strides[1]},
                        new int[] {g.kc() * g.p(), g.kg() * g.p()});
                col2im(g, col, count, dx, n0 * g.c * g.h * g.w);
            }
        } finally {
            backend.release(col);
            closeIfCopy(wd, w);
            closeIfCopy(gd, gy);
        }
        return dx;
    }

    ClArray weightGrad(ClArray x, ClArray gy, Shape weightShape, Conv2dSpec spec) {
        Geometry g = Geometry.of(x.shape(), weightShape, spec);
        DType dt = x.dtype();
        if (weightShape.size() == 0 || g.n == 0 || g.p() == 0) {
            ClArray dw = backend.alloc(weightShape, dt);
            backend.fill(dw, 0.0);
            return dw;
        }
        ClArray gd = spatiallyMerged(gy);
        int sp = gd.strides[3];
        int nb = g.chunk(dt, chunkBytes());
        int perImage = g.cout * g.kg();
        ClBuffer col = backend.workspace((long) nb * g.kc() * g.p() * dt.bytes());
        ClArray partial = backend.alloc(Shape.of(nb, perImage), dt);
        ClArray sum = null;
        try {
            for (int n0 = 0; n0 < g.n; n0 += nb) {
                int count = Math.min(nb, g.n - n0);
                im2col(g, x, n0, count, col);
                backend.gemm.run(dt, g.coutG(), g.kg(), g.p(),
                        new GemmKernels.Operand(gd.buffer("conv2dWeightGrad"), gd.offset + n0 * gd.strides[0],
                                gd.strides[1], sp),
                        new GemmKernels.Operand(col, 0, 1, g.p()),
                        partial.buffer("conv2dWeightGrad"), 0, g.kg(),
                        Shape.of(count, g.groups), new int[] {gd.strides[0], g.coutG() * gd.strides[1]},
                        new int[] {g.kc() * g.p(), g.kg() * g.p()}, new int[] {perImage, g.coutG() * g.kg()});
                // Sum the images' products; chunks after the first add to the running sum.
                try (ClArray rows = backend.view(partial, Shape.of(count, perImage), 0, new int[] {perImage, 1})) {
                    ClArray s = (ClArray) backend.reduce(ReduceOp.SUM, rows, new int[] {0}, false);
                    if (sum == null) {
                        sum = s;
                    } else {
                        backend.binaryInPlace(BinaryOp.ADD, sum, s);
                        s.close();
                    }
                }
            }
            return (ClArray) backend.reshape(sum, weightShape);
        } finally {
            backend.release(col);
            partial.close();
            if (sum != null) {
                sum.close();
            }
            closeIfCopy(gd, gy);
        }
    }

    /** The scratch memory allowed for one chunk's column matrix (and never more than one buffer may hold). */
    private long chunkBytes() {
        return Math.min(backend.options().convWorkspaceMib() << 20, backend.device().maxAllocBytes());
    }

    // ---------------------------------------------------------------- rearrangements

    private void im2col(Geometry g, ClArray x, int n0, int count, ClBuffer col) {
        geometry(backend.launch(FILE, backend.typeOptions(x.dtype()), "im2col"), g)
                .mem(x.buffer("im2col")).i32(x.offset).int4(x.strides).i32(n0)
                .mem(col)
                .run3d(g.p(), g.kc(), count);
    }

    private void col2im(Geometry g, ClBuffer col, int count, ClArray dx, int offDx) {
        geometry(backend.launch(FILE, backend.typeOptions(dx.dtype()), "col2im"), g)
                .mem(col).mem(dx.buffer("col2im")).i32(offDx)
                .run3d(g.w, g.h, count * g.c);
    }

    private static Launch geometry(Launch l, Geometry g) {
        Conv2dSpec s = g.spec;
        return l.i32(g.c).i32(g.h).i32(g.w).i32(g.kh).i32(g.kw)
                .i32(s.strideH()).i32(s.strideW()).i32(s.padH()).i32(s.padW()).i32(s.dilationH()).i32(s.dilationW())
                .i32(g.oh).i32(g.ow);
    }

    /** {@code a} itself when dense, else a dense copy (kernels are small; reading them as matrices needs it). */
    private ClArray dense(ClArray a) {
        return a.isContiguous() ? a : (ClArray) backend.copy(a);
    }

    /**
     * {@code a} itself when its two spatial axes merge into one strided axis (so each image and
     * channel is a row of a matrix), else a dense copy.
     */
    private ClArray spatiallyMerged(ClArray a) {
        Shape s = a.shape();
        boolean merged = s.dim(2) == 1 || a.strides[2] == s.dim(3) * a.strides[3];
        if (merged && s.dim(3) == 1 && s.dim(2) > 1) {
            merged = false;   // the row axis would carry the stride: keep it simple, copy
        }
        return merged ? a : (ClArray) backend.copy(a);
    }

    private static void closeIfCopy(ClArray used, ClArray original) {
        if (used != original) {
            used.close();
        }
    }
}
