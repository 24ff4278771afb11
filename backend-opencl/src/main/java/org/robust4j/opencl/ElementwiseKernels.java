package org.robust4j.opencl;

import java.util.Locale;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.CompareOp;
import org.robust4j.core.backend.UnaryOp;
import org.robust4j.core.tensor.Shape;

/**
 * Unary, binary, scalar and comparison ops and {@code where} ({@code elementwise.cl},
 * {@code where.cl}): one work-item per output element, every operand read in place through its
 * (broadcast) strides.
 */
final class ElementwiseKernels {
    private static final String FILE = "elementwise.cl";

    private final OpenClBackend backend;

    ElementwiseKernels(OpenClBackend backend) {
        this.backend = backend;
    }

    void unary(UnaryOp op, ClArray x, ClArray out) {
        Loop loop = Loop.of(out.shape(), x.strides, out.strides);
        if (loop.n == 0) {
            return;
        }
        backend.launch(FILE, backend.typeOptions(x.dtype()), "unary_" + lower(op.name()))
                .i32(loop.n).i32(loop.rank).int8(loop.dims)
                .mem(x.buffer("unary")).i32(x.offset).int8(loop.strides[0])
                .mem(out.buffer("unary")).i32(out.offset).int8(loop.strides[1])
                .run1d(loop.n);
    }

    /** {@code out = a op b}; {@code out} may be {@code a} itself (an in-place update). */
    void binary(BinaryOp op, ClArray a, ClArray b, ClArray out) {
        pair("binary_" + lower(op.name()), a, b, out);
    }

    void compare(CompareOp op, ClArray a, ClArray b, ClArray out) {
        pair("binary_" + lower(op.name()), a, b, out);
    }

    private void pair(String kernel, ClArray a, ClArray b, ClArray out) {
        Shape s = out.shape();
        Loop loop = Loop.of(s, Strides.broadcast(a.shape(), a.strides, s), Strides.broadcast(b.shape(), b.strides, s),
                out.strides);
        if (loop.n == 0) {
            return;
        }
        backend.launch(FILE, backend.typeOptions(a.dtype()), kernel)
                .i32(loop.n).i32(loop.rank).int8(loop.dims)
                .mem(a.buffer(kernel)).i32(a.offset).int8(loop.strides[0])
                .mem(b.buffer(kernel)).i32(b.offset).int8(loop.strides[1])
                .mem(out.buffer(kernel)).i32(out.offset).int8(loop.strides[2])
                .run1d(loop.n);
    }

    /** {@code out = a op s}, or {@code s op a} when {@code scalarFirst}. */
    void scalar(BinaryOp op, ClArray a, double s, boolean scalarFirst, ClArray out) {
        Loop loop = Loop.of(out.shape(), a.strides, out.strides);
        if (loop.n == 0) {
            return;
        }
        backend.launch(FILE, backend.typeOptions(a.dtype()), "scalar_" + lower(op.name()))
                .i32(loop.n).i32(loop.rank).int8(loop.dims)
                .mem(a.buffer("binaryScalar")).i32(a.offset).int8(loop.strides[0])
                .scalar(a.dtype(), s).i32(scalarFirst ? 1 : 0)
                .mem(out.buffer("binaryScalar")).i32(out.offset).int8(loop.strides[1])
                .run1d(loop.n);
    }

    void where(ClArray cond, ClArray a, ClArray b, ClArray out) {
        Shape s = out.shape();
        Loop loop = Loop.of(s, Strides.broadcast(cond.shape(), cond.strides, s),
                Strides.broadcast(a.shape(), a.strides, s), Strides.broadcast(b.shape(), b.strides, s), out.strides);
        if (loop.n == 0) {
            return;
        }
        String options = backend.typeOptions(a.dtype()) + " -DC_T=" + Types.cName(cond.dtype());
        if (cond.dtype() == org.robust4j.core.tensor.DType.FLOAT64 && !options.contains("USE_FP64")) {
            options += " -DUSE_FP64";
        }
        backend.launch("where.cl", options, "where")
                .i32(loop.n).i32(loop.rank).int8(loop.dims)
                .mem(cond.buffer("where")).i32(cond.offset).int8(loop.strides[0])
                .mem(a.buffer("where")).i32(a.offset).int8(loop.strides[1])
                .mem(b.buffer("where")).i32(b.offset).int8(loop.strides[2])
                .mem(out.buffer("where")).i32(out.offset).int8(loop.strides[3])
                .run1d(loop.n);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
