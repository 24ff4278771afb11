package org.robust4j.opencl;

import org.robust4j.core.tensor.DType;

/**
 * Strided copies with dtype conversion ({@code convert.cl}): the one kernel behind copy, cast,
 * assign, broadcastTo, setSlice, concat and densifying a view. One program per (source,
 * destination) dtype pair, built on first use.
 */
final class CopyKernels {
    private final OpenClBackend backend;

    CopyKernels(OpenClBackend backend) {
        this.backend = backend;
    }

    /** Writes {@code src}, broadcast to {@code dst}'s shape and converted to its dtype, into {@code dst}. */
    void copy(ClArray src, ClArray dst) {
        copy(src, src.offset, Strides.broadcast(src.shape(), src.strides, dst.shape()), dst, dst.offset, dst.strides);
    }

    /** Copies {@code src} read with the given strides into the window of {@code dst} given by {@code dstStrides}. */
    void copy(ClArray src, int srcOffset, int[] srcStrides, ClArray dst, int dstOffset, int[] dstStrides) {
        Loop loop = Loop.of(dst.shape(), srcStrides, dstStrides);
        if (loop.n == 0) {
            return;
        }
        if (loop.rank <= 1) {
            backend.launch("convert.cl", options(src.dtype(), dst.dtype()), "copy_flat")
                    .i32(loop.n).mem(src.buffer("copy")).i32(srcOffset).i32(loop.strides[0][0])
                    .mem(dst.buffer("copy")).i32(dstOffset).i32(loop.strides[1][0])
                    .run1d(loop.n);
            return;
        }
        backend.launch("convert.cl", options(src.dtype(), dst.dtype()), "copy")
                .i32(loop.n).space(loop)
                .mem(src.buffer("copy")).i32(srcOffset).int8(loop.strides[0])
                .mem(dst.buffer("copy")).i32(dstOffset).int8(loop.strides[1])
                .run1d(loop.n);
    }

    private String options(DType from, DType to) {
        boolean fp64 = from == DType.FLOAT64 || to == DType.FLOAT64;
        if (fp64) {
            backend.requireFp64("copy");
        }
        return "-DSRC_T=" + Types.cName(from) + " -DDST_T=" + Types.cName(to)
                + " -DCONV_MODE=" + Types.conversionMode(from, to) + (fp64 ? " -DUSE_FP64" : "");
    }
}
