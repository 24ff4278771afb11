package org.robust4j.layers.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.GradCheck;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.support.Nd4jTestBackend;

class LossesTest {
    private final Backend b = Nd4jTestBackend.get();
    private final double[] f = {2.0, -1.0, 0.5, 100.0, 99.0, -50.0};
    private final long[] y = {2, 0};

    private Tensor logits() {
        return Tensor.of(b, f, 2, 3);
    }

    private Tensor labels() {
        return Tensor.ofLongs(b, y, 2);
    }

    private static double logSumExp(double... v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    @Test
    void crossEntropyIsStableAndExact() {
        double expect = ((logSumExp(2, -1, 0.5) - 0.5) + (logSumExp(100, 99, -50) - 100)) / 2;
        assertThat(new CrossEntropyLoss().compute(logits(), labels()).item()).isCloseTo(expect, within(1e-12));
    }

    @Test
    void crossEntropyOfASingleSample() {
        // A batch of one: the one-hot compares labels [1, 1] with the classes [3] (a broadcast
        // that libnd4j once mistook for a scalar one).
        Tensor z = Tensor.of(b, new double[] {2.0, -1.0, 0.5}, 1, 3);
        Tensor l = Tensor.ofLongs(b, new long[] {2}, 1);
        assertThat(new CrossEntropyLoss().compute(z, l).item()).isCloseTo(logSumExp(2, -1, 0.5) - 0.5, within(1e-12));
        assertThat(Tensor.of(b, new double[] {1}, 1, 1).add(Tensor.of(b, new double[] {1, 2}, 2)).toDoubleArray())
                .containsExactly(2, 3);
    }

    @Test
    void offsetCrossEntropy() {
        double o = 2.0;
        double t = 0.25;
        double r0 = t * (logSumExp(2 / t, -1 / t, (0.5 - o) / t) - (0.5 - o) / t);
        double r1 = t * (logSumExp((100 - o) / t, 99 / t, -50 / t) - (100 - o) / t);
        assertThat(new OffsetCrossEntropyLoss(o, t).compute(logits(), labels()).item())
                .isCloseTo((r0 + r1) / 2, within(1e-9));
    }

    @Test
    void multiMarginMatchesPyTorchDefinition() {
        double m = 0.7;
        double s0 = Math.max(0, m - 0.5 + 2) + Math.max(0, m - 0.5 - 1);
        double s1 = Math.max(0, m - 100 + 99) + Math.max(0, m - 100 - 50);
        assertThat(new MultiMarginLoss(m).compute(logits(), labels()).item()).isCloseTo((s0 / 3 + s1 / 3) / 2, within(1e-12));
    }

    @Test
    void gradientsPassFiniteDifferences() {
        Tensor z = Tensor.randn(b, new Generator(4), DType.FLOAT64, 3, 4);
        Tensor lab = Tensor.ofLongs(b, new long[] {0, 3, 1}, 3);
        for (Loss loss : new Loss[] {new CrossEntropyLoss(), new OffsetCrossEntropyLoss(1.4, 0.25),
            new MultiMarginLoss(0.7)}) {
            GradCheck.Result r = GradCheck.check(in -> loss.compute(in[0], lab), z);
            assertThat(r.passes(1e-7, 1e-6)).as(loss.getClass().getSimpleName() + " " + r).isTrue();
        }
        GradCheck.Result r = GradCheck.check(in -> MseLoss.compute(in[0], in[1]), z, z.mul(0.5));
        assertThat(r.passes(1e-7, 1e-6)).as(r.toString()).isTrue();
    }

    @Test
    void badLabelsAreNamed() {
        assertThatThrownBy(() -> new CrossEntropyLoss().compute(logits(), Tensor.ofLongs(b, new long[] {1}, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cross-entropy")
                .hasMessageContaining("[2, 3]");
    }
}
