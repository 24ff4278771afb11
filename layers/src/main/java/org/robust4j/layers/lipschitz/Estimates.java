package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/** Shared plumbing of the estimators: argument checks, and computing a number with no graph in a scope. */
final class Estimates {
    private Estimates() {}

    /** Runs {@code body} without recording a graph, releasing everything it allocates. */
    static double compute(DoubleSupplier body) {
        try (Scope scope = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
            return body.getAsDouble();
        }
    }

    /** The value of a scalar tensor computed by {@code body}, as in {@link #compute(DoubleSupplier)}. */
    static double value(Supplier<Tensor> body) {
        return compute(() -> body.get().cast(DType.FLOAT64).item());
    }

    static void checkDense(String op, Tensor w) {
        checkArgument(w.rank() == 2, "%s: a dense weight must be a [out, in] matrix, got %s", op, w.shape());
        checkFloatingFinite(op, w);
    }

    static void checkConv(String op, Tensor kernel, ConvGeometry g) {
        g.check(op, kernel.shape());
        checkFloatingFinite(op, kernel);
    }

    /** Rejects integer tensors and NaN or infinite entries (which would make every method return NaN). */
    static void checkFloatingFinite(String op, Tensor t) {
        checkArgument(t.dtype().isFloating(), "%s: needs a floating-point tensor, got %s %s", op, t.shape(), t.dtype());
        double s = compute(() -> t.detach().abs().sum().cast(DType.FLOAT64).item());
        checkArgument(!Double.isNaN(s) && s != Double.POSITIVE_INFINITY || allFinite(t),
                "%s: tensor %s has NaN or infinite entries", op, t.shape());
    }

    private static boolean allFinite(Tensor t) {
        for (double v : t.toDoubleArray()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
