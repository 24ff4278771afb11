package org.robust4j.layers.support;

import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * The spectral norm of a map's Jacobian at a point, from autograd vector products only, so it is
 * independent of any normaliser inside the map: vector-Jacobian products {@code J^T u} by
 * reverse mode, Jacobian-vector products {@code J v} by differentiating {@code J^T u} (linear in
 * a dummy {@code u}) once more. Use FLOAT64 and one-sample inputs ({@code [1, ...]}).
 */
public final class JacobianNorm {
    private JacobianNorm() {}

    /** Power iteration on {@code J^T J}: {@code ||J v||} after {@code iterations} steps (a lower bound of sigma_max). */
    public static double powerIteration(Function<Tensor, Tensor> f, Tensor x0, int iterations, long seed) {
        try (Scope s = Scope.open()) {
            Tensor x = x0.detach().copy().requiresGrad(true);
            Tensor y = f.apply(x);
            Tensor u = Tensor.zerosLike(y).requiresGrad(true);
            Tensor jtU = Autograd.grad(y, u, true, x)[0];
            Tensor v = Tensor.randn(x.backend(), new Generator(seed), DType.FLOAT64, x.shape().toArray());
            v = v.div(v.norm().item());
            double sigma = 0;
            for (int i = 0; i < iterations; i++) {
                Tensor jv = Autograd.grad(jtU.mul(v).sum(), null, true, u)[0].detach();
                sigma = jv.norm().item();
                Tensor jtjv = Autograd.grad(y, jv, true, x)[0].detach();
                double n = jtjv.norm().item();
                if (n == 0) {
                    return 0;
                }
                v = jtjv.div(n);
            }
            Tensor jv = Autograd.grad(jtU.mul(v).sum(), null, true, u)[0].detach();
            return Math.max(sigma, jv.norm().item());
        }
    }

    /** The explicit Jacobian {@code [outputs, inputs]}, one vector-Jacobian product per row. */
    public static DMatrixRMaj explicit(Function<Tensor, Tensor> f, Tensor x0) {
        try (Scope s = Scope.open()) {
            Tensor x = x0.detach().copy().requiresGrad(true);
            Tensor y = f.apply(x);
            int rows = (int) y.size();
            int cols = (int) x.size();
            DMatrixRMaj j = new DMatrixRMaj(rows, cols);
            double[] e = new double[rows];
            for (int r = 0; r < rows; r++) {
                e[r] = 1;
                Tensor seedOut = Tensor.of(x.backend(), e, y.shape().toArray());
                e[r] = 0;
                double[] row = Autograd.grad(y, seedOut, true, x)[0].toDoubleArray();
                for (int c = 0; c < cols; c++) {
                    j.set(r, c, row[c]);
                }
            }
            return j;
        }
    }

    /** sigma_max of the explicit Jacobian by SVD. */
    public static double exact(Function<Tensor, Tensor> f, Tensor x0) {
        return OperatorMatrix.largestSingularValue(explicit(f, x0));
    }
}
