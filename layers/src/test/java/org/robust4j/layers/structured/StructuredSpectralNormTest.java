package org.robust4j.layers.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;
import org.robust4j.layers.lipschitz.SpectralNorm;
import org.robust4j.layers.standard.LeakyReLU;
import org.robust4j.layers.support.Nd4jTestBackend;

/**
 * The structured layers' spectral norms against EJML's SVD of the matrix built entry by entry
 * (the builders of {@link StructuredLayersTest}), including the kinds they claim.
 */
class StructuredSpectralNormTest {
    private final Backend b = Nd4jTestBackend.get();
    private final LayerContext c64 = new LayerContext(b, new Generator(5), DType.FLOAT64);
    private int seed = 500;

    private Tensor randn(int... shape) {
        return Tensor.randn(b, new Generator(seed++), DType.FLOAT64, shape);
    }

    private static double svdNorm(double[][] w) {
        DMatrixRMaj m = new DMatrixRMaj(w);
        double best = 0;
        for (double s : SingularOps_DDRM.singularValues(m)) {
            best = Math.max(best, s);
        }
        return best;
    }

    private static double[][] circulant(double[] c) {
        return StructuredLayersTest.dcMatrix(c, ones(c.length), c.length, c.length);
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    @Test
    void circulantNormIsExactForOddAndEvenSizes() {
        for (int n : new int[] {1, 2, 7, 8, 15, 32}) {
            Circulant layer = new Circulant(c64, n);
            layer.kernel().set(randn(n));
            SpectralNorm s = layer.lipschitzBound(Shape.of(n));
            assertThat(s.kind()).isEqualTo(SpectralNorm.Kind.EXACT);
            double svd = svdNorm(circulant(layer.kernel().value().toDoubleArray()));
            assertThat(s.value()).as("n = %s", n).isCloseTo(svd, within(1e-10 * svd));
        }
    }

    @Test
    void diagonalCirculantWithSignDiagonalIsExact() {
        for (int n : new int[] {6, 9}) {
            DiagonalCirculant layer = new DiagonalCirculant(c64, n); // d is Rademacher at initialisation
            layer.diagonal().set(layer.diagonal().value().mul(1.7)); // |d_i| = 1.7 for all i
            SpectralNorm s = layer.lipschitzBound(Shape.of(n));
            double svd = svdNorm(StructuredLayersTest.dcMatrix(layer.kernel().value().toDoubleArray(),
                    layer.diagonal().value().toDoubleArray(), n, n));
            assertThat(s.kind()).isEqualTo(SpectralNorm.Kind.EXACT);
            assertThat(s.value()).isCloseTo(svd, within(1e-10 * svd));
        }
    }

    @Test
    void generalDiagonalGivesAnUpperBoundAndTheSvdPathIsExact() {
        int[][] shapes = {{8, 8}, {7, 7}, {4, 9}, {9, 4}};
        boolean strictSomewhere = false;
        for (int[] sh : shapes) {
            DiagonalCirculant layer = new DiagonalCirculant(c64, sh[0], sh[1]);
            layer.diagonal().set(randn(sh[1]));
            double svd = svdNorm(StructuredLayersTest.dcMatrix(layer.kernel().value().toDoubleArray(),
                    layer.diagonal().value().toDoubleArray(), sh[0], sh[1]));
            SpectralNorm bound = layer.lipschitzBound(Shape.of(sh[0]));
            assertThat(bound.kind()).isEqualTo(SpectralNorm.Kind.UPPER);
            assertThat(bound.value()).isGreaterThanOrEqualTo(svd * (1 - 1e-12));
            strictSomewhere |= bound.value() > svd * 1.01;
            SpectralNorm exact = layer.exactSpectralNorm();
            assertThat(exact.kind()).isEqualTo(SpectralNorm.Kind.EXACT);
            assertThat(exact.value()).isCloseTo(svd, within(1e-10 * svd));
        }
        assertThat(strictSomewhere).as("D C is not normal: ||D|| ||C|| overestimates for some random d").isTrue();
    }

    @Test
    void productToeplitzAndLowRankBoundFromAbove() {
        DiagonalCirculantProduct p = new DiagonalCirculantProduct(c64, 6, 3);
        double[][] w = StructuredLayersTest.dcMatrix(p.kernel(0).value().toDoubleArray(),
                p.diagonal(0).value().toDoubleArray(), 6, 6);
        for (int i = 1; i < 3; i++) {
            double[][] f = StructuredLayersTest.dcMatrix(p.kernel(i).value().toDoubleArray(),
                    p.diagonal(i).value().toDoubleArray(), 6, 6);
            w = mul(f, w);
        }
        double svd = svdNorm(w);
        assertThat(p.lipschitzBound(Shape.of(6)).kind()).isEqualTo(SpectralNorm.Kind.UPPER);
        assertThat(p.lipschitzBound(Shape.of(6)).value()).isGreaterThanOrEqualTo(svd * (1 - 1e-12));
        assertThat(p.exactSpectralNorm().value()).isCloseTo(svd, within(1e-10 * svd));

        for (int[] sh : new int[][] {{5, 5}, {3, 7}, {7, 3}}) {
            Toeplitz t = new Toeplitz(c64, sh[0], sh[1]);
            double tsvd = svdNorm(StructuredLayersTest.toeplitzMatrix(t.diagonals().value().toDoubleArray(), sh[0], sh[1]));
            SpectralNorm tb = t.lipschitzBound(Shape.of(sh[0]));
            assertThat(tb.kind()).isEqualTo(SpectralNorm.Kind.UPPER);
            assertThat(tb.value()).isGreaterThanOrEqualTo(tsvd * (1 - 1e-12));
            assertThat(t.exactSpectralNorm().value()).isCloseTo(tsvd, within(1e-10 * tsvd));
        }

        LowRank lr = new LowRank(c64, 7, 5, 2);
        double[] u = lr.left().value().toDoubleArray();
        double[] v = lr.right().value().toDoubleArray();
        double[][] uv = new double[5][7];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                for (int k = 0; k < 2; k++) {
                    uv[i][j] += u[i * 2 + k] * v[k * 7 + j];
                }
            }
        }
        double lsvd = svdNorm(uv);
        SpectralNorm lb = lr.lipschitzBound(Shape.of(7));
        assertThat(lb.value()).isGreaterThanOrEqualTo(lsvd * (1 - 1e-12)).isCloseTo(lsvd, within(1e-6 * lsvd));
    }

    private static double[][] mul(double[][] a, double[][] bm) {
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

    @Test
    void networkLipschitzBoundsDiagonalCirculantNetworks() {
        DiagonalCirculant l0 = new DiagonalCirculant(c64, 12);
        DiagonalCirculant l1 = new DiagonalCirculant(c64, 12);
        DiagonalCirculant head = new DiagonalCirculant(c64, 12, 4);
        Sequential net = new Sequential(l0, new LeakyReLU(0.5), l1, new LeakyReLU(0.5), head);
        NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(12));
        assertThat(bound.complete()).as(bound.toString()).isTrue();
        double expected = 1; // the network's linear parts' exact norms, by SVD
        for (DiagonalCirculant l : new DiagonalCirculant[] {l0, l1, head}) {
            expected *= svdNorm(StructuredLayersTest.dcMatrix(l.kernel().value().toDoubleArray(),
                    l.diagonal().value().toDoubleArray(), l.inFeatures(), l.outFeatures()));
        }
        assertThat(bound.layers().get(0).bound().kind()).isEqualTo(SpectralNorm.Kind.EXACT);
        assertThat(bound.layers().get(4).bound().kind()).isEqualTo(SpectralNorm.Kind.UPPER);
        assertThat(bound.kind()).isEqualTo(SpectralNorm.Kind.UPPER);
        assertThat(bound.value().getAsDouble()).isGreaterThanOrEqualTo(expected * (1 - 1e-12));
        double exactSquare = bound.layers().get(0).bound().value() * bound.layers().get(2).bound().value();
        assertThat(bound.value().getAsDouble()).isCloseTo(exactSquare * bound.layers().get(4).bound().value(),
                within(1e-12 * exactSquare));
    }
}
