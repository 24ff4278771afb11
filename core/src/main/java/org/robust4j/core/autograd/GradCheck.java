package org.robust4j.core.autograd;

import java.util.function.Function;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Checks autograd against central finite differences. The function's output is contracted with
 * a fixed random tensor {@code r}, so the scalar {@code L = sum(f(x) * r)} exercises the whole
 * Jacobian; every input element is perturbed by {@code +-h} and
 * {@code (L(x+h) - L(x-h)) / 2h} is compared with the analytic gradient.
 * Use FLOAT64 inputs: in FLOAT32 the differences are dominated by rounding.
 */
public final class GradCheck {
    private GradCheck() {}

    /** Largest discrepancy found, and where. */
    public record Result(double maxAbsError, double maxRelError, int input, int element,
                         double analytic, double numeric) {
        /** True when every element agrees within {@code atol + rtol * |numeric|}. */
        public boolean passes(double atol, double rtol) {
            return maxAbsError <= atol + rtol * Math.abs(numeric) || maxRelError <= rtol;
        }

        @Override
        public String toString() {
            return String.format("max |analytic - numeric| = %.3g (rel %.3g) at input %d element %d: analytic %.10g, numeric %.10g",
                    maxAbsError, maxRelError, input, element, analytic, numeric);
        }
    }

    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, 1e-6, inputs);
    }

    /**
     * @param inputs floating tensors; they are not modified (perturbed copies are used)
     */
    public static Result check(Function<Tensor[], Tensor> f, double h, Tensor... inputs) {
        Backend b = inputs[0].backend();
        try (Scope scope = Scope.open()) {
            Tensor[] x = new Tensor[inputs.length];
            double[][] base = new double[inputs.length][];
            for (int i = 0; i < inputs.length; i++) {
                base[i] = inputs[i].cast(DType.FLOAT64).toDoubleArray();
                x[i] = leaf(b, base[i], inputs[i]);
            }
            Tensor y = f.apply(x);
            Tensor r = Tensor.randn(b, new Generator(12345), y.dtype(), y.shape().toArray());
            double[] rv = r.toDoubleArray();
            Tensor[] analytic = Autograd.grad(y.mul(r).sum(), x);

            double worstAbs = 0;
            double worstRel = 0;
            int wi = -1;
            int we = -1;
            double wa = 0;
            double wn = 0;
            for (int i = 0; i < inputs.length; i++) {
                double[] ga = analytic[i].cast(DType.FLOAT64).toDoubleArray();
                for (int e = 0; e < base[i].length; e++) {
                    double numeric = (loss(f, b, base, inputs, i, e, h, rv) - loss(f, b, base, inputs, i, e, -h, rv)) / (2 * h);
                    double abs = Math.abs(ga[e] - numeric);
                    double rel = abs / Math.max(1e-12, Math.max(Math.abs(ga[e]), Math.abs(numeric)));
                    if (abs > worstAbs || Double.isNaN(abs)) {
                        worstAbs = Double.isNaN(abs) ? Double.POSITIVE_INFINITY : abs;
                        worstRel = rel;
                        wi = i;
                        we = e;
                        wa = ga[e];
                        wn = numeric;
                    }
                }
            }
            return new Result(worstAbs, worstRel, wi, we, wa, wn);
        }
    }

    private static double loss(Function<Tensor[], Tensor> f, Backend b, double[][] base, Tensor[] like,
                               int which, int element, double delta, double[] r) {
        try (Scope s = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
            Tensor[] x = new Tensor[base.length];
            for (int i = 0; i < base.length; i++) {
                double[] v = base[i];
                if (i == which) {
                    v = v.clone();
                    v[element] += delta;
                }
                x[i] = leaf(b, v, like[i]);
            }
            double[] y = f.apply(x).cast(DType.FLOAT64).toDoubleArray();
            double acc = 0;
            for (int k = 0; k < y.length; k++) {
                acc += y[k] * r[k];
            }
            return acc;
        }
    }

    private static Tensor leaf(Backend b, double[] v, Tensor like) {
        // fromDoubles with the input's own shape: Tensor.of would turn a rank-0 input into shape [1]
        Tensor t = Tensor.wrap(b.fromDoubles(v, like.shape()));
        return t.cast(like.dtype()).detach().requiresGrad(true);
    }
}
