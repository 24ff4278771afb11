package org.robust4j.layers.onelip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;
import org.robust4j.layers.support.JacobianNorm;
import org.robust4j.layers.support.Nd4jTestBackend;
import org.robust4j.layers.support.OperatorMatrix;

class SllNetworkPartsTest {
    private final Backend b = Nd4jTestBackend.get();

    private LayerContext ctx(long seed) {
        return new LayerContext(b, new Generator(seed), DType.FLOAT64);
    }

    private Tensor randn(long seed, int... shape) {
        return Tensor.randn(b, new Generator(seed), DType.FLOAT64, shape);
    }

    @Test
    void paddingChannelsAppendsZeroChannelsAndIsAnIsometry() {
        Tensor x = randn(1, 2, 2, 3, 3);
        double[] xs = x.toDoubleArray();
        double[] y = new PaddingChannels(2, 5).forward(x).toDoubleArray();
        assertThat(y).hasSize(2 * 5 * 9);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 5; c++) {
                for (int p = 0; p < 9; p++) {
                    double expect = c < 2 ? xs[(n * 2 + c) * 9 + p] : 0;
                    assertThat(y[(n * 5 + c) * 9 + p]).isEqualTo(expect);
                }
            }
        }
        assertThat(JacobianNorm.exact(new PaddingChannels(2, 5)::forward, randn(2, 1, 2, 2, 2))).isCloseTo(1, within(1e-12));
        assertThatThrownBy(() -> new PaddingChannels(3, 2)).hasMessageContaining("in <= out");
    }

    @Test
    void firstChannelsKeepsTheFirstEntries() {
        Tensor x = randn(3, 2, 7);
        double[] xs = x.toDoubleArray();
        double[] y = new FirstChannels(3).forward(x).toDoubleArray();
        assertThat(y).containsExactly(xs[0], xs[1], xs[2], xs[7], xs[8], xs[9]);
        assertThat(JacobianNorm.exact(new FirstChannels(3)::forward, randn(4, 1, 7))).isCloseTo(1, within(1e-12));
    }

    @Test
    void invertibleDownsamplingMovesBlocksIntoChannels() {
        int c = 2;
        int h = 4;
        int w = 6;
        Tensor x = randn(5, 1, c, h, w);
        double[] xs = x.toDoubleArray();
        Tensor y = new InvertibleDownsampling(2).forward(x);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 8, 2, 3));
        double[] ys = y.toDoubleArray();
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int outC = ch * 4 + (i % 2) * 2 + (j % 2);
                    assertThat(ys[(outC * 2 + i / 2) * 3 + j / 2]).isEqualTo(xs[(ch * h + i) * w + j]);
                }
            }
        }
        assertThat(JacobianNorm.exact(new InvertibleDownsampling(2)::forward, randn(6, 1, 1, 4, 4)))
                .isCloseTo(1, within(1e-12));
    }

    @Test
    void linearNormalizedUsesUnitRowsAndReportsItsTrueBound() {
        int in = 6;
        int classes = 4;
        LinearNormalized lln = new LinearNormalized(ctx(7), in, classes);
        double[] w = lln.weight().value().toDoubleArray();
        double[] bias = lln.bias().value().toDoubleArray();
        DMatrixRMaj unit = new DMatrixRMaj(classes, in);
        for (int r = 0; r < classes; r++) {
            double norm = 0;
            for (int k = 0; k < in; k++) {
                norm += w[r * in + k] * w[r * in + k];
            }
            for (int k = 0; k < in; k++) {
                unit.set(r, k, w[r * in + k] / Math.sqrt(norm));
            }
        }
        Tensor x = randn(8, 3, in);
        double[] xs = x.toDoubleArray();
        double[] y = lln.forward(x).toDoubleArray();
        for (int n = 0; n < 3; n++) {
            for (int r = 0; r < classes; r++) {
                double e = bias[r];
                for (int k = 0; k < in; k++) {
                    e += unit.get(r, k) * xs[n * in + k];
                }
                assertThat(y[n * classes + r]).isCloseTo(e, within(1e-12));
            }
        }
        double sigma = OperatorMatrix.largestSingularValue(unit);
        double bound = lln.lipschitzBound(Shape.of(in)).value();
        assertThat(bound).isGreaterThanOrEqualTo(sigma - 1e-12).isLessThan(sigma * 1.001);
        assertThat(sigma).isGreaterThan(1.0); // not 1-Lipschitz: the bound must not be assumed
        var r = GradCheck.check(in2 -> LinearNormalized.apply(in2[0], in2[1], in2[2]), x, lln.weight().value(),
                lln.bias().value());
        assertThat(r.passes(1e-6, 1e-5)).as(r.toString()).isTrue();
    }

    @Test
    void builderFitsMnistAndCifarShapesAndIsBoundedByOneWithFirstChannels() {
        SllNetworks.Config tiny = new SllNetworks.Config(2, 2, 4, 3, 16, 3, 4, SllNetworks.Head.FIRST_CHANNELS);
        for (int[] in : new int[][] {{1, 28}, {3, 32}}) {
            Sequential net = SllNetworks.build(ctx(9), tiny, in[0], in[1], 10);
            Tensor y = net.forward(randn(10, 2, in[0], in[1], in[1]));
            assertThat(y.shape()).isEqualTo(Shape.of(2, 10));
            NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(in[0], in[1], in[1]));
            assertThat(bound.complete()).as(bound.toString()).isTrue();
            assertThat(bound.value().getAsDouble()).isCloseTo(1.0, within(1e-12));
        }
        Sequential small = SllNetworks.small(ctx(11), 1, 28, 10);
        int d = 16 * 7 * 7;
        long expect = 4 * (16 * 16 * 9 + 16 + 16) + 2 * (512L * d + 512 + 512) + (10L * d + 10);
        assertThat(small.parameterCount()).isEqualTo(expect);
        NetworkBound lln = NetworkLipschitz.bound(small, Shape.of(1, 28, 28));
        assertThat(lln.complete()).isTrue();
        assertThat(lln.value().getAsDouble()).isGreaterThan(1.0); // the LLN head's own norm, reported
    }

    @Test
    void aSmallNetworkJacobianIsAtMostOne() {
        SllNetworks.Config tiny = new SllNetworks.Config(2, 2, 2, 2, 6, 3, 2, SllNetworks.Head.FIRST_CHANNELS);
        Sequential net = SllNetworks.build(ctx(12), tiny, 1, 4, 3);
        double sigma = JacobianNorm.exact(net::forward, randn(13, 1, 1, 4, 4));
        assertThat(sigma).isLessThanOrEqualTo(1 + 1e-6).isGreaterThan(0.1);
    }

    @Test
    void builderRejectsSizesThatDoNotFit() {
        SllNetworks.Config cfg = SllNetworks.Config.compact(SllNetworks.Size.S);
        assertThatThrownBy(() -> SllNetworks.build(ctx(1), cfg, 1, 30, 10)).hasMessageContaining("multiple of the pool 4");
        assertThatThrownBy(() -> SllNetworks.build(ctx(1), cfg, 32, 28, 10)).hasMessageContaining("width 16");
        assertThatThrownBy(() -> new SllNetworks.Config(1, 1, 4, 4, 4, 2, 4, SllNetworks.Head.LLN))
                .hasMessageContaining("odd");
    }
}
