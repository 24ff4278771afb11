package org.robust4j.opencl;

import java.util.Locale;
import java.util.function.Consumer;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.CompareOp;
import org.robust4j.core.backend.UnaryOp;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * Unary, binary, scalar and comparison ops and {@code where} ({@code elementwise.cl},
 * {@code where.cl}): one work-item per output element, every operand read in place through its
 * (broadcast) strides. When the index space merges into one axis (contiguous operands, scalars)
 * the {@code _flat} variant of the kernel runs, without index arithmetic.
 */
final class ElementwiseKernels {
    private static final String FILE = "elementwise.cl";

    private final OpenClBackend backend;

    ElementwiseKernels(OpenClBackend backend) {
        this.backend = backend;
    }

    void unary(UnaryOp op, ClArray x, ClArray out) {
        Loop loop = Loop.of(out.shape(), x.strides, out.strides);
        run(FILE, backend.typeOptions(x.dtype()), "unary_" + lower(op.name()), loop, null, x, out);
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
        run(FILE, backend.typeOptions(a.dtype()), kernel, loop, null, a, b, out);
    }

    /** {@code out = a op s}, or {@code s op a} when {@code scalarFirst}. */
    void scalar(BinaryOp op, ClArray a, double s, boolean scalarFirst, ClArray out) {
        Loop loop = Loop.of(out.shape(), a.strides, out.strides);
        run(FILE, backend.typeOptions(a.dtype()), "scalar_" + lower(op.name()), loop,
                l -> l.scalar(a.dtype(), s).i32(scalarFirst ? 1 : 0), a, out);
    }

    void where(ClArray cond, ClArray a, ClArray b, ClArray out) {
        Shape s = out.shape();
        Loop loop = Loop.of(s, Strides.broadcast(cond.shape(), cond.strides, s),
                Strides.broadcast(a.shape(), a.strides, s), Strides.broadcast(b.shape(), b.strides, s), out.strides);
        String options = backend.typeOptions(a.dtype()) + " -DC_T=" + Types.cName(cond.dtype());
        if (cond.dtype() == DType.FLOAT64 && !options.contains("USE_FP64")) {
            backend.requireFp64("where");
            options += " -DUSE_FP64";
        }
        run("where.cl", options, "where", loop, null, cond, a, b, out);
    }

    /**
     * Launches {@code kernel} over {@code loop}; {@code arrays} are the inputs then the output, in
     * the order of the loop's strides, and {@code afterInputs} adds the arguments that come
     * between the inputs and the output.
     */
    private void run(String file, String options, String kernel, Loop loop, Consumer<Launch> afterInputs,
                     ClArray... arrays) {
        if (loop.n == 0) {
            return;
        }
        boolean flat = loop.rank <= 1;
        Launch l = backend.launch(file, options, flat ? kernel + "_flat" : kernel).i32(loop.n);
        if (!flat) {
            l.space(loop);
        }
        int last = arrays.length - 1;
        for (int j = 0; j <= last; j++) {
            if (j == last && afterInputs != null) {
                afterInputs.accept(l);
            }
            l.mem(arrays[j].buffer(kernel)).i32(arrays[j].offset);
            if (flat) {
                l.i32(loop.strides[j][0]);
            } else {
                l.int8(loop.strides[j]);
            }
        }
        l.run1d(loop.n);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
