package org.robust4j.opencl;

import java.util.Arrays;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** gather, scatterAdd, oneHot and padding ({@code index.cl}), one work-item per output element. */
final class IndexingKernels {
    private static final String FILE = "index.cl";

    private final OpenClBackend backend;

    IndexingKernels(OpenClBackend backend) {
        this.backend = backend;
    }

    /** An array seen as [pre, axis, post]: the axes before and after {@code axis} as index spaces of their own. */
    private record Split(Loop pre, Loop post, int axisStride) {
        static Split of(Shape s, int[] strides, int axis) {
            int r = s.rank();
            return new Split(Loop.of(Shape.of(Arrays.copyOfRange(s.toArray(), 0, axis)), Arrays.copyOfRange(strides, 0, axis)),
                    Loop.of(Shape.of(Arrays.copyOfRange(s.toArray(), axis + 1, r)), Arrays.copyOfRange(strides, axis + 1, r)),
                    strides[axis]);
        }

        Launch args(Launch l) {
            return l.space(pre).int8(pre.strides[0])
                    .space(post).int8(post.strides[0]).i32(axisStride);
        }
    }

    private String options(DType data, DType index) {
        return backend.typeOptions(data) + " -DI_T=" + Types.cName(index);
    }

    ClArray gather(ClArray x, int axis, ClArray idx) {
        int len = idx.shape().dim(0);
        ClArray out = backend.alloc(x.shape().with(axis, len), x.dtype());
        int total = (int) out.shape().size();
        if (total == 0) {
            return out;
        }
        Split sp = Split.of(x.shape(), x.strides, axis);
        sp.args(backend.launch(FILE, options(x.dtype(), idx.dtype()), "gather").i32(total).i32(len).i32(sp.post.n))
                .mem(x.buffer("gather")).i32(x.offset)
                .mem(idx.buffer("gather")).i32(idx.offset).i32(idx.strides[0])
                .mem(out.buffer("gather"))
                .run1d(total);
        return out;
    }

    ClArray scatterAdd(ClArray src, int axis, ClArray idx, int size) {
        ClArray out = backend.alloc(src.shape().with(axis, size), src.dtype());
        int total = (int) out.shape().size();
        if (total == 0) {
            return out;
        }
        int m = idx.shape().dim(0);
        if (m == 0 || src.shape().size() == 0) {
            backend.fill(out, 0.0);
            return out;
        }
        Split sp = Split.of(src.shape(), src.strides, axis);
        sp.args(backend.launch(FILE, options(src.dtype(), idx.dtype()), "scatter_add")
                        .i32(total).i32(size).i32(sp.post.n).i32(m))
                .mem(src.buffer("scatterAdd")).i32(src.offset)
                .mem(idx.buffer("scatterAdd")).i32(idx.offset).i32(idx.strides[0])
                .mem(out.buffer("scatterAdd"))
                .run1d(total);
        return out;
    }

    ClArray oneHot(ClArray idx, int classes, DType dtype) {
        ClArray out = backend.alloc(idx.shape().append(classes), dtype);
        int total = (int) out.shape().size();
        if (total == 0) {
            return out;
        }
        Loop loop = Loop.of(idx.shape(), idx.strides);
        backend.launch(FILE, options(dtype, idx.dtype()), "one_hot")
                .i32(total).i32(classes).space(loop).int8(loop.strides[0])
                .mem(idx.buffer("oneHot")).i32(idx.offset).mem(out.buffer("oneHot"))
                .run1d(total);
        return out;
    }

    ClArray pad(ClArray x, int[] before, int[] after, PadMode mode) {
        Shape s = x.shape();
        int r = s.rank();
        int[] dims = s.toArray();
        for (int i = 0; i < r; i++) {
            dims[i] += before[i] + after[i];
        }
        ClArray out = backend.alloc(Shape.of(dims), x.dtype());
        int total = (int) out.shape().size();
        if (total == 0) {
            return out;
        }
        if (s.size() == 0) {
            // Only zero padding reaches here with an empty input (circular padding of an empty axis is refused).
            backend.fill(out, 0.0);
            return out;
        }
        if (r > Strides.MAX_RANK) {
            throw new UnsupportedOperationException("opencl: pad handles at most " + Strides.MAX_RANK + " axes, got " + s);
        }
        // Innermost axis first; axes of output size 1 (no padding, one element) are left out, so
        // every axis the kernel divides by has at least 2 elements (see Loop.magic).
        int[] outDims = new int[8];
        int[] inDims = new int[8];
        int[] pre = new int[8];
        int[] strides = new int[8];
        Arrays.fill(outDims, 1);
        Arrays.fill(inDims, 1);
        int k = 0;
        for (int i = r - 1; i >= 0; i--) {
            if (dims[i] == 1) {
                continue;
            }
            outDims[k] = dims[i];
            inDims[k] = s.dim(i);
            pre[k] = before[i];
            strides[k++] = x.strides[i];
        }
        backend.launch(FILE, options(x.dtype(), DType.INT32), "pad")
                .i32(total).space(Loop.space(total, k, outDims)).int8(inDims).int8(pre).i32(mode == PadMode.CIRCULAR ? 1 : 0)
                .mem(x.buffer("pad")).i32(x.offset).int8(strides).mem(out.buffer("pad"))
                .run1d(total);
        return out;
    }
}
