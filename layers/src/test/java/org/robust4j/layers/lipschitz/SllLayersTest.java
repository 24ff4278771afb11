package org.robust4j.layers.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.support.Nd4jTestBackend;
import org.robust4j.layers.support.OperatorMatrix;

/**
 * SLL layers against the paper's formula evaluated with explicit matrices and naive loops, and
 * their 1-Lipschitz guarantee checked on the explicit Jacobian (built row by row with autograd,
 * its norm by EJML's SVD): nothing here reuses the layers' own normalisation.
 */
class SllLayersTest {
    private final Backend b = Nd4jTestBackend.get();

    private LayerContext ctx(long seed) {
        return LayerContext.of(b, seed).withDtype(DType.FLOAT64);
    }

    @Test
    void denseForwardIsTheFormulaWithExplicitMatrices() {
        int d = 5;
        int inner = 4;
        int n = 3;
        SllDense layer = new SllDense(ctx(1), d, inner);
        double[] w = layer.weight().value().toDoubleArray();
        double[] bias = layer.bias().value().toDoubleArray();
        double[] q = layer.q().value().toDoubleArray();
        double[] x = Tensor.randn(b, new Generator(2), DType.FLOAT64, n, d).toDoubleArray();
        double[] t = new double[inner];
        for (int i = 0; i < inner; i++) {
            for (int j = 0; j < inner; j++) {
                double wwt = 0;
                for (int k = 0; k < d; k++) {
                    wwt += w[i * d + k] * w[j * d + k];
                }
                t[i] += Math.abs(wwt) * Math.exp(q[j]) / Math.exp(q[i]);
            }
        }
        double[] expected = new double[n * d];
        for (int s = 0; s < n; s++) {
            double[] act = new double[inner];
            for (int i = 0; i < inner; i++) {
                double z = bias[i];
                for (int k = 0; k < d; k++) {
                    z += w[i * d + k] * x[s * d + k];
                }
                act[i] = Math.max(z, 0) / t[i];
            }
            for (int k = 0; k < d; k++) {
                double back = 0;
                for (int i = 0; i < inner; i++) {
                    back += w[i * d + k] * act[i];
                }
                expected[s * d + k] = x[s * d + k] - 2 * back;
            }
        }
        double[] got = layer.forward(Tensor.of(b, x, n, d)).toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void convForwardIsTheFormulaWithTheExplicitOperator() {
        for (int kernel : new int[] {1, 3, 5}) {
            int c = 2;
            int inner = 3;
            int h = 5;
            int w = 4;
            SllConv2d layer = new SllConv2d(ctx(10 + kernel), c, inner, kernel);
            double[] k = layer.weight().value().toDoubleArray();
            double[] bias = layer.bias().value().toDoubleArray();
            double[] q = layer.q().value().toDoubleArray();
            // t_i from the kernel's autocorrelation at every shift, by loops.
            double[] t = new double[inner];
            int kk = kernel * kernel;
            for (int i = 0; i < inner; i++) {
                for (int j = 0; j < inner; j++) {
                    for (int dy = -(kernel - 1); dy <= kernel - 1; dy++) {
                        for (int dx = -(kernel - 1); dx <= kernel - 1; dx++) {
                            double s = 0;
                            for (int ch = 0; ch < c; ch++) {
                                for (int u = 0; u < kernel; u++) {
                                    for (int v = 0; v < kernel; v++) {
                                        int u2 = u + dy;
                                        int v2 = v + dx;
                                        if (u2 >= 0 && u2 < kernel && v2 >= 0 && v2 < kernel) {
                                            s += k[(i * c + ch) * kk + u2 * kernel + v2] * k[(j * c + ch) * kk + u * kernel + v];
                                        }
                                    }
                                }
                            }
                            t[i] += Math.abs(s) * Math.exp(q[j] - q[i]);
                        }
                    }
                }
            }
            DMatrixRMaj a = OperatorMatrix.conv(k, inner, c, kernel, kernel, h, w, 1, kernel / 2, kernel / 2, false);
            double[] x = Tensor.randn(b, new Generator(3), DType.FLOAT64, 1, c, h, w).toDoubleArray();
            int hw = h * w;
            double[] act = new double[inner * hw];
            for (int r = 0; r < act.length; r++) {
                double z = bias[r / hw];
                for (int col = 0; col < x.length; col++) {
                    z += a.get(r, col) * x[col];
                }
                act[r] = Math.max(z, 0) / t[r / hw];
            }
            double[] got = layer.forward(Tensor.of(b, x, 1, c, h, w)).toDoubleArray();
            for (int col = 0; col < x.length; col++) {
                double back = 0;
                for (int r = 0; r < act.length; r++) {
                    back += a.get(r, col) * act[r];
                }
                assertThat(got[col]).as("kernel %s, element %s", kernel, col).isCloseTo(x[col] - 2 * back, within(1e-12));
            }
        }
    }

    @Test
    void everyLayerAndTheWholeNetworkAre1Lipschitz() {
        for (long seed = 0; seed < 3; seed++) {
            assertJacobianNormAtMostOne(new SllDense(ctx(seed), 6, 9), Shape.of(6), seed);
            assertJacobianNormAtMostOne(new SllDense(ctx(seed), 7, 3), Shape.of(7), seed);
            assertJacobianNormAtMostOne(new SllConv2d(ctx(seed), 2, 3, 3), Shape.of(2, 5, 5), seed);
            assertJacobianNormAtMostOne(new SllConv2d(ctx(seed), 3, 2, 5), Shape.of(3, 4, 6), seed);
            assertJacobianNormAtMostOne(new PaddingChannels(1, 3), Shape.of(1, 3, 3), seed);
            assertJacobianNormAtMostOne(new FirstChannels(2), Shape.of(5), seed);
            Module net = new SllNetwork(3, 2, 2, 3, 2, 2, 8).build(ctx(seed), 1, 4, 3);
            assertJacobianNormAtMostOne(net, Shape.of(1, 4, 4), seed);
        }
    }

    @Test
    void weightsScaledUpStayOneLipschitzAndTheRatioTendsToOneForOrthogonalLikeLayers() {
        // Large weights: relu is active on many units and the residual term is big; still <= 1.
        SllDense big = new SllDense(ctx(4), 6, 6);
        big.weight().set(big.weight().value().mul(50).detach());
        assertJacobianNormAtMostOne(big, Shape.of(6), 7);
        // Where relu is off everywhere the layer is the identity: its Jacobian norm is exactly 1.
        SllDense off = new SllDense(ctx(5), 4, 4);
        off.bias().set(Tensor.full(b, DType.FLOAT64, -1e6, 4));
        assertThat(jacobianNorm(off, Shape.of(4), 1)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aZeroWeightRowGivesNoNaN() {
        SllDense layer = new SllDense(ctx(6), 3, 2);
        double[] w = layer.weight().value().toDoubleArray();
        w[0] = 0;
        w[1] = 0;
        w[2] = 0;
        layer.weight().set(Tensor.of(b, w, 2, 3));
        double[] y = layer.forward(Tensor.randn(b, new Generator(1), DType.FLOAT64, 4, 3)).toDoubleArray();
        for (double v : y) {
            assertThat(v).isFinite();
        }
    }

    @Test
    void gradientsPassFiniteDifferences() {
        SllDense dense = new SllDense(ctx(8), 4, 3);
        Tensor xd = Tensor.randn(b, new Generator(9), DType.FLOAT64, 2, 4);
        GradCheck.Result r = GradCheck.check(in -> SllDense.apply(in[0], in[1], in[2], in[3]).square().sum(), xd,
                dense.weight().value(), dense.bias().value(), dense.q().value());
        assertThat(r.passes(1e-7, 1e-6)).as("dense: %s", r).isTrue();

        SllConv2d conv = new SllConv2d(ctx(10), 2, 3, 3);
        Tensor xc = Tensor.randn(b, new Generator(11), DType.FLOAT64, 2, 2, 4, 4);
        GradCheck.Result rc = GradCheck.check(in -> SllConv2d.apply(in[0], in[1], in[2], in[3]).square().sum(), xc,
                conv.weight().value(), conv.bias().value(), conv.q().value());
        assertThat(rc.passes(1e-7, 1e-6)).as("conv: %s", rc).isTrue();
        // The layer's forward is that function of its parameters.
        assertThat(conv.forward(xc).sub(SllConv2d.apply(xc, conv.weight().value(), conv.bias().value(), conv.q().value()))
                .abs().max().item()).isZero();
    }

    @Test
    void theNetworkBoundIsOneAndComplete() {
        Module net = SllNetwork.laptop("xs").build(LayerContext.of(b, 3), 1, 28, 10);
        NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(1, 28, 28));
        assertThat(bound.complete()).as("%s", bound).isTrue();
        assertThat(bound.value().getAsDouble()).isEqualTo(1.0);
        assertThat(net.forward(Tensor.zeros(b, DType.FLOAT32, 2, 1, 28, 28)).shape()).isEqualTo(Shape.of(2, 10));
    }

    private void assertJacobianNormAtMostOne(Module m, Shape sample, long seed) {
        double norm = jacobianNorm(m, sample, seed);
        assertThat(norm).as("%s at seed %s", m, seed).isLessThanOrEqualTo(1 + 1e-6).isGreaterThan(0.1);
    }

    /** Largest singular value of the Jacobian of {@code m} at a random input, built row by row. */
    private double jacobianNorm(Module m, Shape sample, long seed) {
        try (Scope s = Scope.open()) {
            int[] dims = new int[sample.rank() + 1];
            dims[0] = 1;
            for (int i = 0; i < sample.rank(); i++) {
                dims[i + 1] = sample.dim(i);
            }
            Tensor x = Tensor.randn(b, new Generator(100 + seed), DType.FLOAT64, dims).requiresGrad(true);
            Tensor y = m.forward(x).reshape(-1);
            int rows = y.dim(0);
            int cols = (int) sample.size();
            DMatrixRMaj jac = new DMatrixRMaj(rows, cols);
            for (int r = 0; r < rows; r++) {
                double[] e = new double[rows];
                e[r] = 1;
                Tensor g = Autograd.grad(y, Tensor.of(b, e, rows), false, x)[0];
                double[] row = g.toDoubleArray();
                for (int c = 0; c < cols; c++) {
                    jac.set(r, c, row[c]);
                }
            }
            return OperatorMatrix.largestSingularValue(jac);
        }
    }
}
