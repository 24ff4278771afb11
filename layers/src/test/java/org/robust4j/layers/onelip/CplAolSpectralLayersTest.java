package org.robust4j.layers.onelip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.lipschitz.GramIteration;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.MaxMin;
import org.robust4j.layers.support.JacobianNorm;
import org.robust4j.layers.support.Naive;
import org.robust4j.layers.support.Nd4jTestBackend;
import org.robust4j.layers.support.OperatorMatrix;

class CplAolSpectralLayersTest {
    private static final SpectralNormaliser.Method POWER = SpectralNormaliser.Method.POWER_ITERATION;
    private static final SpectralNormaliser.Method GRAM = SpectralNormaliser.Method.GRAM;

    private final Backend b = Nd4jTestBackend.get();

    private LayerContext ctx(long seed) {
        return new LayerContext(b, new Generator(seed), DType.FLOAT64);
    }

    private Tensor randn(long seed, double scale, int... shape) {
        return Tensor.randn(b, new Generator(seed), DType.FLOAT64, shape).mul(scale);
    }

    private static DMatrixRMaj matrix(double[] v, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = v[i];
        }
        return m;
    }

    private static double svdNorm(double[] v, int rows, int cols) {
        return OperatorMatrix.largestSingularValue(matrix(v, rows, cols));
    }

    // ------------------------------------------------------------------ CPL

    @Test
    void cplDenseMatchesTheFormulaWithTheSvdNormInEval() {
        int d = 6;
        int m = 4;
        for (SpectralNormaliser.Method method : new SpectralNormaliser.Method[] {POWER, GRAM}) {
            CplDense layer = new CplDense(ctx(1), d, m, method);
            layer.eval();
            double[] w = layer.weight().value().toDoubleArray();
            double[] bias = layer.bias().value().toDoubleArray();
            double sigma = svdNorm(w, m, d);
            double h = 2 / (sigma * sigma + 1e-6);
            Tensor x = randn(2, 1.0, 3, d);
            double[] xs = x.toDoubleArray();
            double[] y = layer.forward(x).toDoubleArray();
            double tol = method == POWER ? 1e-9 : 1e-5; // Gram iteration is an upper bound, tight to ~1e-6
            for (int s = 0; s < 3; s++) {
                double[] z = new double[m];
                for (int i = 0; i < m; i++) {
                    z[i] = bias[i];
                    for (int k = 0; k < d; k++) {
                        z[i] += w[i * d + k] * xs[s * d + k];
                    }
                    z[i] = Math.max(0, z[i]);
                }
                for (int k = 0; k < d; k++) {
                    double e = xs[s * d + k];
                    for (int i = 0; i < m; i++) {
                        e -= h * w[i * d + k] * z[i];
                    }
                    assertThat(y[s * d + k]).as("%s", method).isCloseTo(e, within(tol));
                }
            }
        }
    }

    @Test
    void cplPowerIterationTakesOneStepPerTrainingForwardAndConvergesInEval() {
        CplDense layer = new CplDense(ctx(3), 5, 7);
        double exact = svdNorm(layer.weight().value().toDoubleArray(), 7, 5);
        Tensor x = randn(4, 1.0, 2, 5);
        layer.train();
        layer.forward(x);
        double first = layer.normaliser().sigmaInUse(layer.weight().value(), null, true);
        layer.forward(x);
        double second = layer.normaliser().sigmaInUse(layer.weight().value(), null, true);
        assertThat(first).isLessThanOrEqualTo(exact + 1e-12);
        assertThat(second).isGreaterThanOrEqualTo(first - 1e-12).isLessThanOrEqualTo(exact + 1e-12);
        layer.eval();
        assertThat(layer.normaliser().sigmaInUse(layer.weight().value(), null, false)).isCloseTo(exact, within(1e-10));
    }

    @Test
    void cplJacobianNormIsAtMostOneAndOneWhenInnerIsNarrower() {
        for (SpectralNormaliser.Method method : new SpectralNormaliser.Method[] {POWER, GRAM}) {
            CplDense dense = new CplDense(ctx(5), 6, 4, method);
            dense.bias().set(randn(6, 0.5, 4));
            dense.eval();
            double jd = JacobianNorm.exact(dense::forward, randn(7, 1.0, 1, 6));
            assertThat(jd).as("%s", method).isLessThanOrEqualTo(1 + 1e-6).isCloseTo(1.0, within(1e-9));
            assertThat(dense.lipschitzBound(Shape.of(6)).value()).isGreaterThanOrEqualTo(jd - 1e-9).isLessThan(1 + 1e-6);

            CplConv2d conv = new CplConv2d(ctx(8), 2, 3, 3, method);
            conv.eval();
            Tensor x = randn(9, 1.0, 1, 2, 4, 4);
            double jc = JacobianNorm.exact(conv::forward, x);
            double pc = JacobianNorm.powerIteration(conv::forward, x, 30, 1);
            assertThat(jc).as("%s", method).isLessThanOrEqualTo(1 + 1e-6).isCloseTo(1.0, within(1e-9));
            assertThat(pc).isLessThanOrEqualTo(1 + 1e-6);
            assertThat(conv.lipschitzBound(Shape.of(2, 4, 4)).value()).isGreaterThanOrEqualTo(jc - 1e-9);
        }
    }

    @Test
    void cplConvMatchesTheFormulaWithExplicitMatrices() {
        int c = 2;
        int m = 3;
        int h = 4;
        int w = 5;
        CplConv2d layer = new CplConv2d(ctx(10), c, m, 3, POWER);
        layer.eval();
        double[] k = layer.kernel().value().toDoubleArray();
        double[] bias = layer.bias().value().toDoubleArray();
        DMatrixRMaj mat = OperatorMatrix.conv(k, m, c, 3, 3, h, w, 1, 1, 1, false);
        // Eval uses an upper bound of the zero-padded operator's norm (the circular embedding's).
        double sigma = layer.normaliser().sigmaInUse(layer.kernel().value(),
                org.robust4j.layers.lipschitz.ConvGeometry.same(layer.kernel().value().shape(), h, w, 1,
                        org.robust4j.core.backend.PadMode.ZERO), false);
        assertThat(sigma).isGreaterThanOrEqualTo(OperatorMatrix.largestSingularValue(mat) - 1e-12);
        double step = 2 / (sigma * sigma + 1e-6);
        Tensor x = randn(11, 1.0, 1, c, h, w);
        double[] xs = x.toDoubleArray();
        double[] y = layer.forward(x).toDoubleArray();
        double[] z = new double[mat.numRows];
        for (int r = 0; r < mat.numRows; r++) {
            double s = bias[r / (h * w)];
            for (int col = 0; col < mat.numCols; col++) {
                s += mat.get(r, col) * xs[col];
            }
            z[r] = Math.max(0, s);
        }
        for (int col = 0; col < mat.numCols; col++) {
            double e = xs[col];
            for (int r = 0; r < mat.numRows; r++) {
                e -= step * mat.get(r, col) * z[r];
            }
            assertThat(y[col]).isCloseTo(e, within(1e-8));
        }
    }

    // ------------------------------------------------------------------ AOL

    @Test
    void aolDenseRescalesColumnsAsThePaperSaysAndIsOrthogonalAtInit() {
        int in = 5;
        int out = 4;
        AolDense layer = new AolDense(ctx(12), in, out);
        layer.weight().set(randn(13, 1.0, out, in));
        layer.bias().set(randn(14, 1.0, out));
        double[] p = layer.weight().value().toDoubleArray();
        double[] d = new double[in];
        for (int i = 0; i < in; i++) {
            double s = 0;
            for (int j = 0; j < in; j++) {
                double g = 0;
                for (int o = 0; o < out; o++) {
                    g += p[o * in + i] * p[o * in + j];
                }
                s += Math.abs(g);
            }
            d[i] = 1 / Math.sqrt(s);
        }
        double[] wEff = layer.effectiveWeight().toDoubleArray();
        double[] expect = new double[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                expect[o * in + i] = p[o * in + i] * d[i];
            }
        }
        assertThat(wEff).containsExactly(expect, within(1e-12));
        Tensor x = randn(15, 1.0, 2, in);
        double[] ref = Naive.linear(x.toDoubleArray(), 2, in, expect, out, layer.bias().value().toDoubleArray());
        assertThat(layer.forward(x).toDoubleArray()).containsExactly(ref, within(1e-12));
        assertThat(JacobianNorm.exact(layer::forward, randn(16, 1.0, 1, in))).isLessThanOrEqualTo(1 + 1e-6);
        assertThat(JacobianNorm.powerIteration(layer::forward, randn(16, 1.0, 1, in), 50, 2)).isLessThanOrEqualTo(1 + 1e-6);

        AolDense fresh = new AolDense(ctx(17), 4, 6);
        assertThat(JacobianNorm.exact(fresh::forward, randn(18, 1.0, 1, 4))).isCloseTo(1.0, within(1e-9));
        var r = GradCheck.check(t -> AolDense.apply(t[0], t[1], t[2]), x, layer.weight().value(), layer.bias().value());
        assertThat(r.passes(1e-6, 1e-5)).as(r.toString()).isTrue();
    }

    @Test
    void aolConvRescalesInputChannelsAndIsAtMostOneLipschitz() {
        for (int ks : new int[] {1, 3, 5}) {
            int in = 2;
            int out = 3;
            AolConv2d layer = new AolConv2d(ctx(20), in, out, ks);
            layer.kernel().set(randn(21 + ks, 1.0, out, in, ks, ks));
            layer.bias().set(randn(22, 1.0, out));
            double[] p = layer.kernel().value().toDoubleArray();
            double[] d = new double[in];
            for (int i = 0; i < in; i++) {
                double total = 0;
                for (int j = 0; j < in; j++) {
                    for (int sy = -(ks - 1); sy <= ks - 1; sy++) {
                        for (int sx = -(ks - 1); sx <= ks - 1; sx++) {
                            double e = 0;
                            for (int o = 0; o < out; o++) {
                                for (int u = 0; u < ks; u++) {
                                    for (int v = 0; v < ks; v++) {
                                        int u2 = u + sy;
                                        int v2 = v + sx;
                                        if (u2 >= 0 && u2 < ks && v2 >= 0 && v2 < ks) {
                                            e += p[((o * in + i) * ks + u2) * ks + v2] * p[((o * in + j) * ks + u) * ks + v];
                                        }
                                    }
                                }
                            }
                            total += Math.abs(e);
                        }
                    }
                }
                d[i] = 1 / Math.sqrt(total);
            }
            double[] expect = p.clone();
            for (int idx = 0; idx < expect.length; idx++) {
                expect[idx] *= d[(idx / (ks * ks)) % in];
            }
            assertThat(layer.effectiveKernel().toDoubleArray()).as("k=%s", ks).containsExactly(expect, within(1e-12));
            Tensor x = randn(23, 1.0, 1, in, 4, 4);
            double[] ref = Naive.conv2d(x.toDoubleArray(), 1, in, 4, 4, expect, out, ks, ks, 1, ks / 2, false,
                    layer.bias().value().toDoubleArray());
            assertThat(layer.forward(x).toDoubleArray()).containsExactly(ref, within(1e-12));
            assertThat(JacobianNorm.exact(layer::forward, x)).as("k=%s", ks).isLessThanOrEqualTo(1 + 1e-6);
        }
        AolConv2d dirac = new AolConv2d(ctx(24), 3, 3, 3);
        assertThat(JacobianNorm.exact(dirac::forward, randn(25, 1.0, 1, 3, 3, 3))).isCloseTo(1.0, within(1e-12));
        AolConv2d small = new AolConv2d(ctx(26), 1, 2, 3);
        small.kernel().set(randn(27, 1.0, 2, 1, 3, 3));
        var r = GradCheck.check(t -> small.apply(t[0], t[1], t[2]), randn(28, 1.0, 1, 1, 3, 3), small.kernel().value(),
                small.bias().value());
        assertThat(r.passes(1e-6, 1e-5)).as(r.toString()).isTrue();
    }

    // ------------------------------------------------------------------ spectral normalisation

    @Test
    void spectralNormalizedLayersHaveJacobianNormOneInEval() {
        for (SpectralNormaliser.Method method : new SpectralNormaliser.Method[] {POWER, GRAM}) {
            SpectralNormalizedLinear lin = new SpectralNormalizedLinear(ctx(30), 5, 4, method);
            lin.eval();
            double[] w = lin.weight().value().toDoubleArray();
            double sigma = svdNorm(w, 4, 5);
            Tensor x = randn(31, 1.0, 2, 5);
            double[] scaled = w.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] /= sigma;
            }
            double[] ref = Naive.linear(x.toDoubleArray(), 2, 5, scaled, 4, lin.bias().value().toDoubleArray());
            assertThat(lin.forward(x).toDoubleArray()).as("%s", method).containsExactly(ref, within(1e-5));
            double jl = JacobianNorm.exact(lin::forward, randn(32, 1.0, 1, 5));
            assertThat(jl).isLessThanOrEqualTo(1 + 1e-6).isCloseTo(1.0, within(method == POWER ? 1e-9 : 1e-5));
            assertThat(lin.lipschitzBound(Shape.of(5)).value()).isCloseTo(jl, within(1e-5));

            SpectralNormalizedConv2d conv = new SpectralNormalizedConv2d(ctx(33), 2, 3, 3, 1, method);
            conv.eval();
            // The eval norm of a zero-padded convolution is an upper bound (circular embedding), looser on small images.
            double jc = JacobianNorm.exact(conv::forward, randn(34, 1.0, 1, 2, 6, 6));
            assertThat(jc).as("%s", method).isLessThanOrEqualTo(1 + 1e-6).isGreaterThan(0.9);
            var r = GradCheck.check(t -> lin.forward(t[0]), x);
            assertThat(r.passes(1e-6, 1e-5)).as(r.toString()).isTrue();
        }
    }

    @Test
    void cplGradientsPassGradCheckIncludingThroughTheGramBound() {
        GramIteration gram = new GramIteration();
        var r = GradCheck.check(t -> CplDense.apply(t[0], t[1], t[2], gram.denseDifferentiable(t[1])),
                randn(40, 1.0, 2, 4), randn(41, 1.0, 3, 4), randn(42, 1.0, 3));
        assertThat(r.passes(1e-6, 1e-5)).as(r.toString()).isTrue();
        CplConv2d conv = new CplConv2d(ctx(43), 1, 2, 3, GRAM);
        var rc = GradCheck.check(t -> conv.apply(t[0], t[1], t[2], t[3]), randn(44, 1.0, 1, 1, 3, 3),
                conv.kernel().value(), conv.bias().value(), Tensor.scalar(b, 1.7, DType.FLOAT64));
        assertThat(rc.passes(1e-6, 1e-5)).as(rc.toString()).isTrue();
    }

    @Test
    void networkLipschitzCombinesTheLayerBounds() {
        LayerContext c = ctx(50);
        Sequential net = new Sequential(new AolConv2d(c, 1, 2, 3), new MaxMin(), new CplConv2d(c, 2, 2, 3),
                new SpectralNormalizedConv2d(c, 2, 2, 3, 2, GRAM), new Flatten(), new CplDense(c, 8, 6),
                new SpectralNormalizedLinear(c, 8, 6, POWER), new MaxMin(), new AolDense(c, 6, 3));
        net.eval();
        NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(1, 4, 4));
        assertThat(bound.complete()).as(bound.toString()).isTrue();
        assertThat(bound.value().getAsDouble()).as(bound.toString()).isLessThan(1.01);
        for (Module m : net.layers()) {
            assertThat(m.toString()).isNotEmpty();
        }
    }
}
