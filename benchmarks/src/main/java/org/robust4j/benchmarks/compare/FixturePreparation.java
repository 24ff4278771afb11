package org.robust4j.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.optim.Adam;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.loss.CrossEntropyLoss;

/**
 * Writes the fixtures: the small CNN trained for {@link #EPOCHS} epochs (Adam, lr 1e-3, batch 128)
 * on the 8 000 training images of the embedded Fashion-MNIST split, its first 500 test images and
 * labels, and the spectral rows' kernels (N(0, 2 / (c_in k^2))) and power-iteration start vectors.
 * A model that classifies most images right makes the attack rows' robust accuracy mean something.
 */
final class FixturePreparation {
    static final int EPOCHS = 2;
    static final int TEST_IMAGES = 500;

    private FixturePreparation() {}

    /** Returns the trained model's accuracy on the 500 test images. */
    static double write(Backend b, Path dir) throws IOException {
        DataSplits data = Datasets.embeddedFashionMnist();
        Sequential cnn = Models.smallCnn(LayerContext.of(b, 20240601L));
        train(b, cnn, data.train());
        Fixtures.FixtureWriter w = new Fixtures.FixtureWriter(dir,
                "robust4j benchmarks/compare.sh fixtures: small CNN trained " + EPOCHS + " epochs on the embedded "
                        + "Fashion-MNIST split, its first " + TEST_IMAGES + " test images, spectral-norm kernels");
        w.module(cnn, Models::cnnName);
        Dataset test = data.test();
        float[] images = new float[TEST_IMAGES * 784];
        int[] labels = new int[TEST_IMAGES];
        for (int i = 0; i < TEST_IMAGES; i++) {
            test.copyFeatures(i, images, i * 784);
            labels[i] = test.label(i);
        }
        w.floats("images", images, TEST_IMAGES, 1, 28, 28);
        w.ints("labels", labels, TEST_IMAGES);
        Generator g = new Generator(20240601L + 7);
        for (int[] kn : new int[][] {{64, 32}, {256, 8}, {512, 4}}) {
            int c = kn[0];
            int n = kn[1];
            String suffix = c + "x" + c + "x3x3_n" + n;
            try (Scope s = Scope.open()) {
                w.tensor("kernel_" + suffix, Tensor.randn(b, g, DType.FLOAT32, c, c, 3, 3).mul(Math.sqrt(2.0 / (c * 9))));
                w.tensor("pistart_" + suffix, Tensor.randn(b, g, DType.FLOAT32, c, n, n));
            }
        }
        w.finish();
        return accuracy(b, cnn, images, labels);
    }

    private static void train(Backend b, Sequential cnn, Dataset train) {
        cnn.train();
        Adam opt = new Adam(cnn.parameters(), 1e-3);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Generator g = new Generator(5);
        int batch = 128;
        float[] x = new float[batch * 784];
        int[] y = new int[batch];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            int[] order = g.permutation(train.size());
            for (int start = 0; start + batch <= order.length; start += batch) {
                for (int i = 0; i < batch; i++) {
                    train.copyFeatures(order[start + i], x, i * 784);
                    y[i] = train.label(order[start + i]);
                }
                try (Scope s = Scope.open()) {
                    opt.zeroGrad();
                    loss.compute(cnn.forward(Tensor.of(b, x, batch, 1, 28, 28)), Tensor.ofInts(b, y, batch)).backward();
                    opt.step();
                }
            }
        }
        cnn.eval();
    }

    private static double accuracy(Backend b, Sequential cnn, float[] images, int[] labels) {
        try (Scope s = Scope.open(); GradMode.Restore off = Autograd.noGrad()) {
            long[] p = cnn.forward(Tensor.of(b, images, labels.length, 1, 28, 28)).argMax(1).toLongArray();
            int ok = 0;
            for (int i = 0; i < labels.length; i++) {
                ok += p[i] == labels[i] ? 1 : 0;
            }
            return (double) ok / labels.length;
        }
    }
}
