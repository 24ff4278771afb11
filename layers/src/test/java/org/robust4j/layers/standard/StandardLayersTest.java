package org.robust4j.layers.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.support.Naive;
import org.robust4j.layers.support.Nd4jTestBackend;

class StandardLayersTest {
    private final Backend b = Nd4jTestBackend.get();
    private final LayerContext c64 = new LayerContext(b, new Generator(7), DType.FLOAT64);

    private Tensor randn(int... shape) {
        return Tensor.randn(b, new Generator(shape.length * 31L + shape[0]), DType.FLOAT64, shape);
    }

    @Test
    void linearMatchesNaiveAndPyTorchInitBounds() {
        Linear lin = new Linear(c64, 5, 3);
        Tensor x = randn(4, 5);
        double[] expect = Naive.linear(x.toDoubleArray(), 4, 5, lin.weight().value().toDoubleArray(), 3,
                lin.bias().value().toDoubleArray());
        assertThat(lin.forward(x).toDoubleArray()).containsExactly(expect, within(1e-12));
        double bound = 1 / Math.sqrt(5);
        for (double w : lin.weight().value().toDoubleArray()) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo(bound);
        }
        assertThat(lin.namedParameters()).containsOnlyKeys("weight", "bias");
        assertThat(lin.parameterCount()).isEqualTo(18);
    }

    @Test
    void linearGradients() {
        Linear lin = new Linear(c64, 4, 3);
        Tensor w = lin.weight().value();
        Tensor bias = lin.bias().value();
        GradCheck.Result r = GradCheck.check(in -> in[0].matmul(in[1], false, true).add(in[2]), randn(2, 4), w, bias);
        assertThat(r.passes(1e-7, 1e-6)).as(r.toString()).isTrue();
    }

    @Test
    void conv2dZeroAndCircularPaddingMatchNaive() {
        for (PadMode mode : PadMode.values()) {
            for (int stride : new int[] {1, 2}) {
                Conv2d.Options o = Conv2d.Options.of(3).stride(stride).padding(1).paddingMode(mode);
                Conv2d conv = new Conv2d(c64, 2, 3, o);
                Tensor x = randn(2, 2, 5, 6);
                double[] expect = Naive.conv2d(x.toDoubleArray(), 2, 2, 5, 6, conv.weight().value().toDoubleArray(), 3,
                        3, 3, stride, 1, mode == PadMode.CIRCULAR, conv.bias().value().toDoubleArray());
                assertThat(conv.forward(x).toDoubleArray()).as(mode + " stride " + stride)
                        .containsExactly(expect, within(1e-10));
            }
        }
    }

    @Test
    void conv2dCircularGradients() {
        Conv2d conv = new Conv2d(c64, 2, 2, Conv2d.Options.of(3).circular());
        GradCheck.Result r = GradCheck.check(in -> conv.forward(in[0]), randn(1, 2, 4, 4));
        assertThat(r.passes(1e-7, 1e-6)).as(r.toString()).isTrue();
    }

    @Test
    void conv2dInputGradientsWithStridesAndDilation() {
        // Strides that tile the padded input exactly (5 + 2 - 3 = 4, even) and ones that leave a
        // remainder (6 + 2 - 3 = 5, odd) take different paths in the ND4J backend.
        Conv2d.Options[] options = {
            Conv2d.Options.of(3).stride(2).padding(1),
            Conv2d.Options.of(3).stride(2).padding(1).dilation(2),
            Conv2d.Options.of(3).stride(3).padding(0)};
        for (Conv2d.Options o : options) {
            Conv2d conv = new Conv2d(c64, 2, 3, o);
            for (int[] shape : new int[][] {{2, 2, 5, 5}, {2, 2, 5, 6}, {1, 2, 7, 8}}) {
                GradCheck.Result r = GradCheck.check(in -> conv.forward(in[0]), randn(shape));
                assertThat(r.passes(1e-7, 1e-6)).as("%s on %s: %s", conv, java.util.Arrays.toString(shape), r).isTrue();
            }
        }
    }

    @Test
    void conv2dRejectsWrongChannels() {
        Conv2d conv = new Conv2d(c64, 3, 4, 3);
        assertThatThrownBy(() -> conv.forward(randn(1, 2, 5, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Conv2d(3 -> 4)").hasMessageContaining("[1, 2, 5, 5]");
    }

    @Test
    void maxMinSortsHalvesAndGroupSortSortsPairs() {
        Tensor x = Tensor.of(b, new double[] {1, 5, 3, 2, -1, 0, 4, -2}, 2, 4);
        assertThat(new MaxMin().forward(x).toDoubleArray()).containsExactly(3, 5, 1, 2, 4, 0, -1, -2);
        assertThat(new GroupSort().forward(x).toDoubleArray()).containsExactly(5, 1, 3, 2, 0, -1, 4, -2);
        Tensor img = randn(2, 4, 3, 3);
        for (Module m : new Module[] {new MaxMin(), new GroupSort()}) {
            Tensor y = m.forward(img);
            assertThat(y.norm().item()).as("norm preserved").isCloseTo(img.norm().item(), within(1e-12));
            GradCheck.Result r = GradCheck.check(in -> m.forward(in[0]), img);
            assertThat(r.passes(1e-7, 1e-6)).as(r.toString()).isTrue();
        }
    }

    @Test
    void batchNormTrainAndEval() {
        BatchNorm bn = BatchNorm.of2d(c64, 3);
        Tensor x = randn(4, 3, 2, 2).mul(3).add(1);
        Tensor y = bn.forward(x);
        double[] xv = x.toDoubleArray();
        double[] yv = y.toDoubleArray();
        for (int ch = 0; ch < 3; ch++) {
            double mean = 0;
            double sq = 0;
            int n = 0;
            for (int b0 = 0; b0 < 4; b0++) {
                for (int k = 0; k < 4; k++) {
                    double v = xv[(b0 * 3 + ch) * 4 + k];
                    mean += v;
                    sq += v * v;
                    n++;
                }
            }
            mean /= n;
            double var = sq / n - mean * mean;
            for (int b0 = 0; b0 < 4; b0++) {
                for (int k = 0; k < 4; k++) {
                    int idx = (b0 * 3 + ch) * 4 + k;
                    assertThat(yv[idx]).isCloseTo((xv[idx] - mean) / Math.sqrt(var + 1e-5), within(1e-9));
                }
            }
            double rm = bn.stateDict().get("running_mean").toDoubleArray()[ch];
            double rv = bn.stateDict().get("running_var").toDoubleArray()[ch];
            assertThat(rm).isCloseTo(0.1 * mean, within(1e-12));
            assertThat(rv).isCloseTo(0.9 + 0.1 * var * n / (n - 1), within(1e-12));
        }
        bn.eval();
        double[] e = bn.forward(x).toDoubleArray();
        double rm0 = bn.stateDict().get("running_mean").toDoubleArray()[0];
        double rv0 = bn.stateDict().get("running_var").toDoubleArray()[0];
        assertThat(e[0]).isCloseTo((xv[0] - rm0) / Math.sqrt(rv0 + 1e-5), within(1e-12));
        bn.train();
        GradCheck.Result r = GradCheck.check(in -> bn.forward(in[0]), randn(3, 3, 2, 2));
        assertThat(r.passes(1e-7, 1e-6)).as(r.toString()).isTrue();
    }

    @Test
    void dropoutKeepsExpectationAndIsIdentityInEval() {
        Dropout d = new Dropout(LayerContext.of(b, 3), 0.25);
        Tensor x = Tensor.ones(b, DType.FLOAT32, 200, 100);
        double[] y = d.forward(x).toDoubleArray();
        long zeros = 0;
        for (double v : y) {
            assertThat(v == 0 || Math.abs(v - 1 / 0.75) < 1e-6).isTrue();
            if (v == 0) {
                zeros++;
            }
        }
        // Binomial(20000, 0.25): mean 5000, sd ~61; 6 sd either way.
        assertThat(zeros).isBetween(5000L - 370, 5000L + 370);
        d.eval();
        assertThat(d.forward(x).toDoubleArray()).containsOnly(1.0);
    }

    @Test
    void normPreservingAvgPoolIsWindowSumOverRootSize() {
        Tensor x = randn(1, 1, 4, 4);
        double[] v = x.toDoubleArray();
        double[] y = AvgPool2d.normPreserving(2).forward(x).toDoubleArray();
        double s00 = v[0] + v[1] + v[4] + v[5];
        assertThat(y[0]).isCloseTo(s00 / 2, within(1e-12));
        assertThat(new Flatten().forward(x).shape().toArray()).containsExactly(1, 16);
    }
}
