package org.robust4j.layers.onelip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Lambda;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.support.JacobianNorm;
import org.robust4j.layers.support.Nd4jTestBackend;

class SllLayersTest {
    private final Backend b = Nd4jTestBackend.get();

    private LayerContext ctx(long seed) {
        return new LayerContext(b, new Generator(seed), DType.FLOAT64);
    }

    private Tensor randn(long seed, double scale, int... shape) {
        return Tensor.randn(b, new Generator(seed), DType.FLOAT64, shape).mul(scale);
    }

    // ------------------------------------------------------------------ reference formulas

    /** t_i = sum_j |G_ij| exp(q_j - q_i), inverse (0 for t = 0), from a Gram given as G[i][j]. */
    private static double[] inverseT(double[][] g, double[] q) {
        int m = q.length;
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            double t = 0;
            for (int j = 0; j < m; j++) {
                t += Math.abs(g[i][j]) * Math.exp(q[j]) / Math.exp(q[i]);
            }
            r[i] = t > 0 ? 1 / t : 0;
        }
        return r;
    }

    /** h(x) = x - 2 W^T T^-1 relu(W x + b) for one sample, W given as an explicit [m][d] matrix. */
    private static double[] sll(double[] x, double[][] w, double[] bias, double[] tInv) {
        int m = w.length;
        double[] out = x.clone();
        for (int i = 0; i < m; i++) {
            double z = bias[i];
            for (int k = 0; k < x.length; k++) {
                z += w[i][k] * x[k];
            }
            double r = Math.max(z, 0) * tInv[i];
            for (int k = 0; k < x.length; k++) {
                out[k] -= 2 * w[i][k] * r;
            }
        }
        return out;
    }

    @Test
    void denseMatchesTheFormulaWithExplicitMatrices() {
        int d = 7;
        int m = 5;
        SllDense layer = new SllDense(ctx(1), d, m);
        double[] wf = layer.weight().value().toDoubleArray();
        double[] bias = layer.bias().value().toDoubleArray();
        double[] q = layer.q().value().toDoubleArray();
        double[][] w = new double[m][d];
        for (int i = 0; i < m; i++) {
            System.arraycopy(wf, i * d, w[i], 0, d);
        }
        double[][] g = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < d; k++) {
                    g[i][j] += w[i][k] * w[j][k];
                }
            }
        }
        double[] tInv = inverseT(g, q);
        assertThat(layer.scaling().toDoubleArray()).containsExactly(tInv, within(1e-12));
        int n = 3;
        Tensor x = randn(2, 1.0, n, d);
        double[] xs = x.toDoubleArray();
        double[] y = layer.forward(x).toDoubleArray();
        for (int s = 0; s < n; s++) {
            double[] xi = new double[d];
            System.arraycopy(xs, s * d, xi, 0, d);
            double[] expect = sll(xi, w, bias, tInv);
            for (int k = 0; k < d; k++) {
                assertThat(y[s * d + k]).isCloseTo(expect[k], within(1e-12));
            }
        }
    }

    @Test
    void convMatchesTheFormulaWithExplicitMatricesForOddKernels() {
        for (int k : new int[] {1, 3, 5}) {
            int c = 3;
            int m = 4;
            int h = 5;
            int wd = 6;
            SllConv2d layer = new SllConv2d(ctx(3 + k), c, m, k);
            double[] kern = layer.kernel().value().toDoubleArray();
            double[] bias = layer.bias().value().toDoubleArray();
            double[] q = layer.q().value().toDoubleArray();
            // Gram of the channels over all shifts by naive loops: G_ij = sum_shift |sum_c sum_uv K_i(u+s) K_j(u)|.
            double[][] g = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double total = 0;
                    for (int sy = -(k - 1); sy <= k - 1; sy++) {
                        for (int sx = -(k - 1); sx <= k - 1; sx++) {
                            double e = 0;
                            for (int ch = 0; ch < c; ch++) {
                                for (int u = 0; u < k; u++) {
                                    for (int v = 0; v < k; v++) {
                                        int u2 = u + sy;
                                        int v2 = v + sx;
                                        if (u2 >= 0 && u2 < k && v2 >= 0 && v2 < k) {
                                            e += kern[((i * c + ch) * k + u2) * k + v2] * kern[((j * c + ch) * k + u) * k + v];
                                        }
                                    }
                                }
                            }
                            total += Math.abs(e);
                        }
                    }
                    g[i][j] = total; // already |.|-summed over shifts
                }
            }
            double[] tInvChannel = inverseT(g, q);
            assertThat(layer.scaling().toDoubleArray()).containsExactly(tInvChannel, within(1e-12));
            // Explicit conv matrix: rows (inner channel, pixel), columns (channel, pixel).
            var mat = org.robust4j.layers.support.OperatorMatrix.conv(kern, m, c, k, k, h, wd, 1, k / 2, k / 2, false);
            double[][] w = new double[mat.numRows][mat.numCols];
            double[] rowBias = new double[mat.numRows];
            double[] rowTInv = new double[mat.numRows];
            for (int r = 0; r < mat.numRows; r++) {
                for (int col = 0; col < mat.numCols; col++) {
                    w[r][col] = mat.get(r, col);
                }
                rowBias[r] = bias[r / (h * wd)];
                rowTInv[r] = tInvChannel[r / (h * wd)];
            }
            Tensor x = randn(4, 1.0, 2, c, h, wd);
            double[] xs = x.toDoubleArray();
            double[] y = layer.forward(x).toDoubleArray();
            int per = c * h * wd;
            for (int s = 0; s < 2; s++) {
                double[] xi = new double[per];
                System.arraycopy(xs, s * per, xi, 0, per);
                double[] expect = sll(xi, w, rowBias, rowTInv);
                for (int e = 0; e < per; e++) {
                    assertThat(y[s * per + e]).as("k=%s", k).isCloseTo(expect[e], within(1e-11));
                }
            }
        }
    }

    @Test
    void denseJacobianNormIsAtMostOneAndExactlyOneWhenInnerIsNarrower() {
        for (long seed = 0; seed < 4; seed++) {
            SllDense layer = new SllDense(ctx(10 + seed), 6, seed % 2 == 0 ? 4 : 9);
            layer.q().set(randn(20 + seed, 2.0, layer.inner()));
            Tensor x = randn(30 + seed, 1.0, 1, 6);
            double exact = JacobianNorm.exact(layer::forward, x);
            double power = JacobianNorm.powerIteration(layer::forward, x, 50, seed);
            assertThat(exact).as("seed %s", seed).isLessThanOrEqualTo(1 + 1e-6);
            assertThat(power).isLessThanOrEqualTo(exact + 1e-9);
            if (layer.inner() < layer.features()) {
                // Directions orthogonal to the rows of W pass unchanged.
                assertThat(exact).isCloseTo(1.0, within(1e-9));
            }
        }
    }

    @Test
    void convJacobianNormIsAtMostOneForAnyOddKernel() {
        for (int k : new int[] {1, 3, 5}) {
            SllConv2d layer = new SllConv2d(ctx(40 + k), 2, 3, k);
            layer.q().set(randn(50 + k, 1.5, 3));
            layer.bias().set(randn(60 + k, 0.3, 3));
            Tensor x = randn(70 + k, 1.0, 1, 2, 4, 4);
            double exact = JacobianNorm.exact(layer::forward, x);
            double power = JacobianNorm.powerIteration(layer::forward, x, 30, k);
            assertThat(exact).as("k=%s", k).isLessThanOrEqualTo(1 + 1e-6);
            assertThat(power).as("k=%s", k).isLessThanOrEqualTo(1 + 1e-6);
            // Inner 3 < 2 input channels * 16 pixels: some direction passes unchanged.
            assertThat(exact).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void gradientsPassGradCheck() {
        SllDense dense = new SllDense(ctx(80), 5, 3);
        Tensor x = randn(81, 1.0, 2, 5);
        var r = GradCheck.check(in -> SllDense.apply(in[0], in[1], in[2], in[3]), x, dense.weight().value(), dense.bias().value(), dense.q().value());
        assertThat(r.passes(1e-6, 1e-5)).as(r.toString()).isTrue();

        SllConv2d conv = new SllConv2d(ctx(82), 1, 2, 3);
        Tensor xc = randn(83, 1.0, 1, 1, 3, 3);
        var rc = GradCheck.check(in -> conv.apply(in[0], in[1], in[2], in[3]), xc, conv.kernel().value(), conv.bias().value(), conv.q().value());
        assertThat(rc.passes(1e-6, 1e-5)).as(rc.toString()).isTrue();
    }

    @Test
    void networkLipschitzRecognisesTheLayers() {
        LayerContext c = ctx(90);
        Sequential net = new Sequential(new SllConv2d(c, 2, 3, 3), new Flatten(), new SllDense(c, 2 * 4 * 4, 8));
        NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(2, 4, 4));
        assertThat(bound.complete()).as(bound.toString()).isTrue();
        assertThat(bound.value().getAsDouble()).isEqualTo(1.0);
        // A layer without a known bound is reported, not assumed 1-Lipschitz.
        Sequential mixed = new Sequential(new SllConv2d(c, 2, 3, 3), new Lambda("double", t -> t.mul(2)), new Flatten(),
                new SllDense(c, 32, 4));
        NetworkBound partial = NetworkLipschitz.bound(mixed, Shape.of(2, 4, 4));
        assertThat(partial.complete()).isFalse();
        assertThat(partial.value()).isEmpty();
        assertThat(partial.unbounded()).singleElement().satisfies(l -> assertThat(l.reason()).contains("Lambda"));
    }

    @Test
    void aZeroRowGetsAZeroInverseAndFiniteGradientsInFloat32() {
        Tensor t = Tensor.of(b, new float[] {0f, 4f, 0.5f}, 3).requiresGrad(true);
        Tensor inv = SllScaling.safeInverse(t);
        assertThat(inv.toDoubleArray()).containsExactly(new double[] {0, 0.25, 2}, within(1e-7));
        Tensor rs = SllScaling.safeInverseSqrt(t);
        assertThat(rs.toDoubleArray()).containsExactly(new double[] {0, 0.5, Math.sqrt(2)}, within(1e-6));
        double[] g = org.robust4j.core.autograd.Autograd.grad(inv.add(rs).sum(), t)[0].toDoubleArray();
        assertThat(g).containsExactly(new double[] {0, -1.0 / 16 - 0.5 * Math.pow(4, -1.5),
            -4 - 0.5 * Math.pow(0.5, -1.5)}, within(1e-5));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new SllConv2d(ctx(1), 2, 3, 4)).hasMessageContaining("odd");
        assertThatThrownBy(() -> new SllDense(ctx(1), 0, 3)).hasMessageContaining("positive");
        SllDense d = new SllDense(ctx(1), 4, 2);
        assertThatThrownBy(() -> d.forward(randn(1, 1, 2, 5))).hasMessageContaining("[N, 4]");
    }
}
