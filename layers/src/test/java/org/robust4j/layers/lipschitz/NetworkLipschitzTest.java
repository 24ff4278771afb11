package org.robust4j.layers.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.nn.Lambda;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.AvgPool2d;
import org.robust4j.layers.standard.BatchNorm;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.LeakyReLU;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.MaxPool2d;
import org.robust4j.layers.standard.ReLU;
import org.robust4j.layers.support.Nd4jTestBackend;
import org.robust4j.layers.support.OperatorMatrix;

class NetworkLipschitzTest {
    private final Backend b = Nd4jTestBackend.get();
    private final LayerContext c64 = new LayerContext(b, new Generator(11), DType.FLOAT64);

    private Sequential cnn() {
        return new Sequential(
                new Conv2d(c64, 3, 4, Conv2d.Options.of(3).circular()),
                new ReLU(),
                new AvgPool2d(2),
                new Conv2d(c64, 4, 4, Conv2d.Options.of(3).stride(2).padding(1)),
                new LeakyReLU(0.1),
                new MaxPool2d(2),
                new Flatten(),
                new Linear(c64, 4, 3));
    }

    @Test
    void productOfLayerBoundsBoundsTheNetwork() {
        Sequential net = cnn();
        NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(3, 8, 8));
        assertThat(bound.complete()).as(bound.toString()).isTrue();
        assertThat(bound.layers()).hasSize(8);
        assertThat(bound.layers().get(0).path()).isEqualTo("0");
        assertThat(bound.layers().get(3).input()).isEqualTo(Shape.of(4, 4, 4));
        assertThat(bound.layers().get(7).input()).isEqualTo(Shape.of(4));
        assertThat(bound.layers().get(2).bound().value()).isEqualTo(0.5);
        assertThat(bound.layers().get(5).bound().value()).isEqualTo(1.0);
        Conv2d conv0 = (Conv2d) net.get(0);
        double conv0Gram = new GramIteration().conv(conv0.weight().value(), ConvGeometry.circular(conv0.weight().value().shape(), 8)).value();
        assertThat(bound.layers().get(0).bound().value()).isCloseTo(conv0Gram, within(1e-12));
        double product = 1;
        for (NetworkBound.LayerBound l : bound.layers()) {
            product *= l.bound().value();
        }
        double value = bound.value().orElseThrow();
        assertThat(value).isCloseTo(product, within(1e-12 * product));
        assertThat(bound.kind()).isEqualTo(SpectralNorm.Kind.UPPER);

        // Empirical Lipschitz ratios of the network itself never exceed the bound.
        Generator g = new Generator(3);
        try (GradMode.Restore ng = Autograd.noGrad()) {
            for (int i = 0; i < 10; i++) {
                Tensor x = Tensor.randn(b, g, DType.FLOAT64, 1, 3, 8, 8);
                Tensor y = x.add(Tensor.randn(b, g, DType.FLOAT64, 1, 3, 8, 8).mul(1e-3));
                double ratio = net.forward(x).sub(net.forward(y)).norm().item() / x.sub(y).norm().item();
                assertThat(ratio).isLessThanOrEqualTo(value);
            }
        }
    }

    @Test
    void layersWithoutARuleAreReportedNeverTakenAsOne() {
        Sequential net = new Sequential(new Linear(c64, 4, 4), new Lambda("double", x -> x.mul(2.0)), new ReLU());
        NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(4));
        assertThat(bound.complete()).isFalse();
        assertThat(bound.value()).isEmpty();
        assertThat(bound.unbounded()).hasSize(1);
        assertThat(bound.unbounded().get(0).path()).isEqualTo("1");
        assertThat(bound.unbounded().get(0).reason()).contains("Lambda").contains("LipschitzBounded");
        assertThat(bound.toString()).contains("could not be bounded");
    }

    @Test
    void batchNormIsADiagonalScaleInEvalModeOnly() {
        BatchNorm bn = BatchNorm.of2d(c64, 3);
        bn.runningVar().assign(Tensor.of(b, new double[] {4, 0.25, 1}, 3));
        bn.weight().assign(Tensor.of(b, new double[] {1, -1, 3}, 3));
        Sequential net = new Sequential(new Conv2d(c64, 2, 3, 1), bn);
        NetworkBound training = NetworkLipschitz.bound(net, Shape.of(2, 4, 4));
        assertThat(training.complete()).isFalse();
        assertThat(training.unbounded().get(0).reason()).contains("training mode");
        assertThat(bn.isTraining()).as("modes are restored").isTrue();
        assertThat(bn.runningVar().toDoubleArray()).as("running statistics untouched").containsExactly(4, 0.25, 1);
        net.eval();
        NetworkBound eval = NetworkLipschitz.bound(net, Shape.of(2, 4, 4));
        double expect = Math.max(Math.max(1 / Math.sqrt(4 + 1e-5), 1 / Math.sqrt(0.25 + 1e-5)), 3 / Math.sqrt(1 + 1e-5));
        assertThat(eval.layers().get(1).bound().value()).isCloseTo(expect, within(1e-12));
        assertThat(eval.layers().get(1).bound().kind()).isEqualTo(SpectralNorm.Kind.EXACT);
    }

    @Test
    void maxPoolConstantIsTheSquareRootOfTheWindowOverlap() {
        Sequential net = new Sequential(new Conv2d(c64, 1, 1, 1), new MaxPool2d(Pool2dSpec.of(3, 2, 0)));
        NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(1, 7, 7));
        assertThat(bound.layers().get(1).bound().value()).isEqualTo(2.0);
        // Attained: a spike in the middle of 2 x 2 windows moves all four outputs.
        MaxPool2d pool = (MaxPool2d) net.get(1);
        double[] x = new double[49];
        x[2 * 7 + 2] = 1;
        try (GradMode.Restore ng = Autograd.noGrad()) {
            Tensor a = Tensor.of(b, x, 1, 1, 7, 7);
            double ratio = pool.forward(a.mul(2.0)).sub(pool.forward(a)).norm().item();
            assertThat(ratio).isCloseTo(2.0, within(1e-12));
        }
    }

    @Test
    void overlappingAveragePoolingAgainstItsOperatorMatrix() {
        AvgPool2d pool = new AvgPool2d(Pool2dSpec.of(3, 1, 1), 1.0);
        Sequential net = new Sequential(new Conv2d(c64, 1, 1, 1), pool);
        NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(1, 5, 6), NetworkLipschitz.Options.exact());
        double[] k = new double[9];
        java.util.Arrays.fill(k, 1.0 / 9);
        double truth = OperatorMatrix.largestSingularValue(OperatorMatrix.conv(k, 1, 1, 3, 3, 5, 6, 1, 1, 1, false));
        SpectralNorm s = bound.layers().get(1).bound();
        assertThat(s.kind().boundsFromAbove()).isTrue();
        assertThat(s.value()).isGreaterThanOrEqualTo(truth * (1 - 1e-12)).isLessThan(truth * 1.2);
    }

    @Test
    void groupedAndDilatedConvolutionsAgainstTheLayersOwnOperator() {
        for (Conv2d.Options o : List.of(Conv2d.Options.of(3).groups(2).circular().noBias(),
                Conv2d.Options.of(3).dilation(2).padding(2).paddingMode(PadMode.CIRCULAR).noBias(),
                Conv2d.Options.of(2).dilation(2).stride(2).padding(1).noBias())) {
            Conv2d conv = new Conv2d(c64, 4, 6, o);
            double truth = layerNorm(conv, 4, 6, 6);
            NetworkBound bound = NetworkLipschitz.bound(new Sequential(conv), Shape.of(4, 6, 6), NetworkLipschitz.Options.exact());
            SpectralNorm s = bound.layers().get(0).bound();
            if (s.kind() == SpectralNorm.Kind.EXACT) {
                assertThat(s.value()).as(o.toString()).isCloseTo(truth, within(1e-9 * truth));
            } else {
                assertThat(s.value()).as(o.toString()).isGreaterThanOrEqualTo(truth * (1 - 1e-9));
            }
        }
    }

    /** sigma_1 of the layer's own forward map, built column by column from unit inputs. */
    private double layerNorm(Module layer, int c, int h, int w) {
        int n = c * h * w;
        try (GradMode.Restore ng = Autograd.noGrad()) {
            Tensor eye = Tensor.eye(b, DType.FLOAT64, n).reshape(n, c, h, w);
            Tensor y = layer.forward(eye).reshape(n, -1);
            org.ejml.data.DMatrixRMaj m = new org.ejml.data.DMatrixRMaj(y.dim(0), y.dim(1), true, y.toDoubleArray());
            return OperatorMatrix.largestSingularValue(m);
        }
    }

    @Test
    void aLayerDeclaringItsOwnBoundIsAsked() {
        class Halver extends Module implements LipschitzBounded {
            @Override
            public Tensor forward(Tensor x) {
                return x.mul(0.5);
            }

            @Override
            public SpectralNorm lipschitzBound(Shape input) {
                return new SpectralNorm(0.5, SpectralNorm.Kind.EXACT, 0, null, "declared");
            }
        }
        NetworkBound bound = NetworkLipschitz.bound(new Sequential(new Linear(c64, 3, 3), new Halver()), Shape.of(3));
        assertThat(bound.layers().get(1).bound().method()).isEqualTo("declared");
        assertThat(bound.value().orElseThrow()).isCloseTo(0.5 * bound.layers().get(0).bound().value(), within(1e-15));
    }
}
