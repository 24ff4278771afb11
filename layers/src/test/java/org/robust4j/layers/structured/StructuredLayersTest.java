package org.robust4j.layers.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.support.Nd4jTestBackend;

/**
 * Every structured layer against its dense matrix built entry by entry from the definition
 * (odd, even and rectangular sizes), FLOAT64 finite differences for inputs and parameters, and
 * the parameter counts the paper reports.
 */
class StructuredLayersTest {
    private final Backend b = Nd4jTestBackend.get();
    private final LayerContext c64 = new LayerContext(b, new Generator(11), DType.FLOAT64);
    private int seed = 100;

    private Tensor randn(int... shape) {
        return Tensor.randn(b, new Generator(seed++), DType.FLOAT64, shape);
    }

    /** Overwrites every parameter with fresh Gaussian values, so d is not +-1 and b is not 0. */
    private void randomise(Module m) {
        for (Parameter p : m.parameters()) {
            p.set(randn(p.value().shape().toArray()));
        }
    }

    /** {@code y = x W^T + bias} with W given as [out][in]. */
    private static double[] affine(double[] x, int batch, double[][] w, double[] bias) {
        int out = w.length;
        int in = w[0].length;
        double[] y = new double[batch * out];
        for (int r = 0; r < batch; r++) {
            for (int i = 0; i < out; i++) {
                double s = bias[i];
                for (int j = 0; j < in; j++) {
                    s += w[i][j] * x[r * in + j];
                }
                y[r * out + i] = s;
            }
        }
        return y;
    }

    /** circ(c) with first column c: C[j][k] = c[(j - k) mod n]. */
    private static double[][] circulant(double[] c) {
        int n = c.length;
        double[][] m = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                m[j][k] = c[Math.floorMod(j - k, n)];
            }
        }
        return m;
    }

    private static double[][] times(double[][] a, double[][] bm) {
        double[][] r = new double[a.length][bm[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < bm.length; k++) {
                for (int j = 0; j < bm[0].length; j++) {
                    r[i][j] += a[i][k] * bm[k][j];
                }
            }
        }
        return r;
    }

    private static double[][] scaleRows(double[] d, double[][] m) {
        double[][] r = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            r[i] = m[i].clone();
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] *= d[i];
            }
        }
        return r;
    }

    static double[][] dcMatrix(double[] c, double[] d, int in, int out) {
        int size = c.length;
        double[][] cm = circulant(c);
        double[][] w = new double[out][in];
        int shift = size - in; // zero-padding on the left
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                w[i][j] = d[i] * cm[i][j + shift];
            }
        }
        return w;
    }

    private void assertMatches(Module m, int in, double[][] w, double[] bias) {
        for (int batch : new int[] {1, 3}) {
            Tensor x = randn(batch, in);
            double[] expect = affine(x.toDoubleArray(), batch, w, bias);
            assertThat(m.forward(x).toDoubleArray()).as("%s batch %s", m, batch).containsExactly(expect, within(1e-12));
        }
    }

    @Test
    void circulantEqualsItsDenseMatrix() {
        for (int n : new int[] {1, 2, 5, 8, 9, 16}) {
            Circulant layer = new Circulant(c64, n);
            randomise(layer);
            assertMatches(layer, n, circulant(layer.kernel().value().toDoubleArray()), layer.bias().value().toDoubleArray());
            assertThat(layer.parameterCount()).isEqualTo(2L * n);
        }
        assertThat(new Circulant(c64, 7, false).parameterCount()).isEqualTo(7);
    }

    @Test
    void circulantUsesTheFirstColumnConvention() {
        Circulant layer = new Circulant(c64, 4, false);
        layer.kernel().set(Tensor.of(b, new double[] {1, 2, 3, 4}, 4));
        // C e_0 is the first column c itself; C e_1 is c shifted down by one.
        Tensor y = layer.forward(Tensor.of(b, new double[] {1, 0, 0, 0, 0, 1, 0, 0}, 2, 4));
        assertThat(y.toDoubleArray()).containsExactly(new double[] {1, 2, 3, 4, 4, 1, 2, 3}, within(1e-12));
    }

    @Test
    void diagonalCirculantEqualsItsDenseMatrixSquareAndRectangular() {
        int[][] shapes = {{1, 1}, {6, 6}, {7, 7}, {4, 7}, {7, 4}, {5, 8}, {8, 3}, {1, 5}, {5, 1}};
        for (int[] s : shapes) {
            DiagonalCirculant layer = new DiagonalCirculant(c64, s[0], s[1]);
            randomise(layer);
            double[][] w = dcMatrix(layer.kernel().value().toDoubleArray(), layer.diagonal().value().toDoubleArray(),
                    s[0], s[1]);
            assertMatches(layer, s[0], w, layer.bias().value().toDoubleArray());
            assertThat(layer.parameterCount()).as("%s -> %s", s[0], s[1]).isEqualTo(Math.max(s[0], s[1]) + 2L * s[1]);
        }
    }

    @Test
    void diagonalCirculantProductEqualsTheProductOfItsFactors() {
        for (int n : new int[] {5, 8}) {
            for (int k : new int[] {1, 3}) {
                DiagonalCirculantProduct layer = new DiagonalCirculantProduct(c64, n, k);
                randomise(layer);
                double[][] w = identity(n);
                for (int i = 0; i < k; i++) {
                    double[][] f = scaleRows(layer.diagonal(i).value().toDoubleArray(),
                            circulant(layer.kernel(i).value().toDoubleArray()));
                    w = times(f, w);
                }
                assertMatches(layer, n, w, layer.bias().value().toDoubleArray());
                assertThat(layer.parameterCount()).isEqualTo((long) n * (2 * k + 1));
            }
        }
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    static double[][] toeplitzMatrix(double[] t, int in, int out) {
        double[][] w = new double[out][in];
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                w[i][j] = t[i - j + in - 1];
            }
        }
        return w;
    }

    @Test
    void toeplitzEqualsItsDenseMatrix() {
        int[][] shapes = {{1, 1}, {4, 4}, {7, 7}, {3, 6}, {6, 3}, {1, 4}, {4, 1}};
        for (int[] s : shapes) {
            Toeplitz layer = new Toeplitz(c64, s[0], s[1]);
            randomise(layer);
            double[][] w = toeplitzMatrix(layer.diagonals().value().toDoubleArray(), s[0], s[1]);
            assertMatches(layer, s[0], w, layer.bias().value().toDoubleArray());
            assertThat(layer.parameterCount()).isEqualTo(s[0] + s[1] - 1L + s[1]);
        }
        assertThat(new Toeplitz(c64, 10).diagonals().value().size()).as("2n - 1 weights").isEqualTo(19);
    }

    @Test
    void lowRankEqualsItsDenseMatrix() {
        for (int[] s : new int[][] {{6, 4, 2}, {5, 7, 3}, {4, 4, 4}}) {
            LowRank layer = new LowRank(c64, s[0], s[1], s[2]);
            randomise(layer);
            double[][] u = rows(layer.left().value().toDoubleArray(), s[1], s[2]);
            double[][] v = rows(layer.right().value().toDoubleArray(), s[2], s[0]);
            assertMatches(layer, s[0], times(u, v), layer.bias().value().toDoubleArray());
            assertThat(layer.parameterCount()).isEqualTo((long) s[2] * (s[0] + s[1]) + s[1]);
        }
    }

    private static double[][] rows(double[] flat, int r, int c) {
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(flat, i * c, m[i], 0, c);
        }
        return m;
    }

    @Test
    void publishedParameterCounts() {
        // Flattened CIFAR-10: two square DC layers of width 3072 and the rectangular head 3072 -> 10.
        long head = new DiagonalCirculant(c64, 3072, 10).parameterCount();
        assertThat(head).isEqualTo(3092);
        assertThat(2 * new DiagonalCirculant(c64, 3072).parameterCount() + head).isEqualTo(21_524);
        assertThat(6 * 9216L + head).isEqualTo(58_388);
        // MNIST: 8 DC layers of width 1024 plus the 1024 -> 10 head give the paper's 25,620 weights.
        long mnistHead = new DiagonalCirculant(c64, 1024, 10).parameterCount();
        assertThat(8 * new DiagonalCirculant(c64, 1024).parameterCount() + mnistHead).isEqualTo(25_620);
        assertThat(10 * 3072L + mnistHead).isEqualTo(31_764);
    }

    @Test
    void gradientsOfInputsAndParametersMatchFiniteDifferences() {
        Module[] layers = {
            new Circulant(c64, 5), new DiagonalCirculant(c64, 4, 4),
            new DiagonalCirculant(c64, 3, 5), new DiagonalCirculant(c64, 5, 2),
            new DiagonalCirculantProduct(c64, 3, 2),
            new Toeplitz(c64, 3), new Toeplitz(c64, 2, 4), new Toeplitz(c64, 4, 3),
            new LowRank(c64, 4, 3, 2)};
        for (Module m : layers) {
            randomise(m);
            int in = m.parameters().isEmpty() ? 0 : inputSize(m);
            Tensor x = randn(2, in);
            GradCheck.Result r = GradCheck.check(t -> m.forward(t[0]), x);
            assertThat(r.passes(1e-7, 1e-6)).as("input gradient of %s: %s", m, r).isTrue();
            checkParameterGradients(m, x);
        }
    }

    private static int inputSize(Module m) {
        if (m instanceof Circulant c) {
            return c.size();
        } else if (m instanceof DiagonalCirculant d) {
            return d.inFeatures();
        } else if (m instanceof DiagonalCirculantProduct p) {
            return p.size();
        } else if (m instanceof Toeplitz t) {
            return t.inFeatures();
        }
        return ((LowRank) m).right().value().dim(1);
    }

    /** Autograd's parameter gradients of {@code sum(r * layer(x))} against central differences. */
    private void checkParameterGradients(Module m, Tensor x) {
        double h = 1e-6;
        Tensor r = randn(m.forward(x).shape().toArray());
        m.zeroGrad();
        m.forward(x).mul(r).sum().backward();
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            double[] analytic = p.grad().toDoubleArray();
            double[] base = p.value().toDoubleArray();
            for (int k = 0; k < base.length; k++) {
                double[] v = base.clone();
                v[k] += h;
                p.set(Tensor.of(b, v, p.value().shape().toArray()));
                double up = m.forward(x).mul(r).sum().item();
                v[k] -= 2 * h;
                p.set(Tensor.of(b, v, p.value().shape().toArray()));
                double down = m.forward(x).mul(r).sum().item();
                p.set(Tensor.of(b, base, p.value().shape().toArray()));
                double numeric = (up - down) / (2 * h);
                assertThat(analytic[k]).as("%s d/d%s[%s]", m, e.getKey(), k)
                        .isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
            }
        }
        m.zeroGrad();
    }

    @Test
    void float32LayersAgreeWithTheirFloat64Twins() {
        // Float32 runs the backend's one-pass real-FFT path; float64 the complex-FFT composition.
        LayerContext c32 = new LayerContext(b, new Generator(11), DType.FLOAT32);
        int[][] sizes = {{7, 7, 3}, {6, 9, 4}, {2048, 2048, 20}, {999, 600, 40}};
        for (int[] sz : sizes) {
            Module[] pair = {new DiagonalCirculant(c64, sz[0], sz[1]), new DiagonalCirculant(c32, sz[0], sz[1])};
            Module[] pairT = {new Toeplitz(c64, sz[0], sz[1]), new Toeplitz(c32, sz[0], sz[1])};
            for (Module[] m : new Module[][] {pair, pairT}) {
                randomise(m[0]);
                for (Map.Entry<String, Parameter> e : m[0].namedParameters().entrySet()) {
                    m[1].namedParameters().get(e.getKey()).set(e.getValue().value().cast(DType.FLOAT32));
                }
                Tensor x64 = randn(sz[2], sz[0]).requiresGrad(true);
                Tensor x32 = x64.detach().cast(DType.FLOAT32).requiresGrad(true);
                Tensor r = randn(sz[2], sz[1]);
                Tensor y64 = m[0].forward(x64);
                Tensor y32 = m[1].forward(x32);
                assertClose(m[1] + " output", y32.toDoubleArray(), y64.toDoubleArray());
                y64.mul(r).sum().backward();
                y32.mul(r.cast(DType.FLOAT32)).sum().backward();
                assertClose(m[1] + " input gradient", x32.grad().toDoubleArray(), x64.grad().toDoubleArray());
                for (Map.Entry<String, Parameter> e : m[0].namedParameters().entrySet()) {
                    assertClose(m[1] + " d/d" + e.getKey(), m[1].namedParameters().get(e.getKey()).grad().toDoubleArray(),
                            e.getValue().grad().toDoubleArray());
                }
            }
        }
    }

    /** Float32 against float64, norm-wise (FFT rounding is spread over the whole vector). */
    private static void assertClose(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double scale = 0;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(actual[i] - expected[i]));
        }
        assertThat(err).as("%s: max error %s against max |value| %s", what, err, scale).isLessThan(2e-5 * Math.max(1, scale));
    }

    @Test
    void secondDerivativesThroughTheCirculantProduct() {
        // The input gradient of sum(y^2) is 2 C^T C x: its own gradient needs the recorded backward pass.
        Tensor kernel = randn(5).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> {
            try (var on = org.robust4j.core.autograd.Autograd.enableGrad()) {
                Tensor y = Circulants.multiply(in[1], in[0]);
                return org.robust4j.core.autograd.Autograd.grad(y.square().sum(), null, true, in[0], in[1])[0];
            }
        }, randn(2, 5), kernel);
        assertThat(r.passes(1e-7, 1e-6)).as(r.toString()).isTrue();
    }

    @Test
    void paperInitialisation() {
        int n = 512;
        DiagonalCirculant layer = new DiagonalCirculant(c64, n);
        for (double d : layer.diagonal().value().toDoubleArray()) {
            assertThat(Math.abs(d)).isEqualTo(1.0);
        }
        assertThat(layer.bias().value().toDoubleArray()).containsOnly(0.0);
        double[] c = layer.kernel().value().toDoubleArray();
        double var = 0;
        for (double v : c) {
            var += v * v;
        }
        var /= n;
        // The sample variance of 512 N(0, 2/n) draws is within 4 standard errors (sqrt(2/512) relative).
        assertThat(var * n / 2).isCloseTo(1.0, within(4 * Math.sqrt(2.0 / n)));
        DiagonalCirculant scaled = new DiagonalCirculant(c64, n, n, 3.0);
        double v2 = 0;
        for (double v : scaled.kernel().value().toDoubleArray()) {
            v2 += v * v;
        }
        assertThat(v2 / n * n / 9).isCloseTo(1.0, within(4 * Math.sqrt(2.0 / n)));
    }

    @Test
    void badInputsAreNamed() {
        assertThatThrownBy(() -> new DiagonalCirculant(c64, 0, 3)).hasMessageContaining("DiagonalCirculant")
                .hasMessageContaining("0 -> 3");
        assertThatThrownBy(() -> new DiagonalCirculant(c64, 3, 3, -1)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new LowRank(c64, 4, 3, 5)).hasMessageContaining("rank must be in [1, 3]");
        assertThatThrownBy(() -> new DiagonalCirculantProduct(c64, 4, 0)).hasMessageContaining("at least one factor");
        assertThatThrownBy(() -> new Toeplitz(c64, 4, 3).forward(randn(2, 5)))
                .hasMessageContaining("Toeplitz(4 -> 3)").hasMessageContaining("[2, 5]");
        assertThatThrownBy(() -> new Circulant(c64, 4).forward(randn(2, 3))).hasMessageContaining("Circulant(4)");
    }
}
