package org.robust4j.experiments.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.loss.Loss;
import org.robust4j.layers.loss.OffsetCrossEntropyLoss;

/** {@code TrainingRun.loss} specs: names, parameters, and the values of the losses they build against hand computations. */
class LossSpecTest {
    private static final Backend B = Backends.create("nd4j");
    // two samples, three classes
    private static final double[] LOGITS = {2.0, 0.5, -1.0, 0.2, 0.1, 0.4};
    private static final long[] LABELS = {0, 2};

    private static double value(Loss l) {
        return l.compute(Tensor.of(B, LOGITS, 2, 3), Tensor.ofLongs(B, LABELS, 2)).item();
    }

    /** Mean over samples of T * CE((f - offset e_y) / T, y), by hand. */
    private static double offsetCe(double offset, double t) {
        double total = 0;
        for (int i = 0; i < 2; i++) {
            double[] z = new double[3];
            for (int k = 0; k < 3; k++) {
                z[k] = (LOGITS[3 * i + k] - (k == LABELS[i] ? offset : 0)) / t;
            }
            double lse = Math.log(Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]));
            total += t * (lse - z[(int) LABELS[i]]);
        }
        return total / 2;
    }

    @Test
    void offsetCrossEntropyTakesItsOffsetAndTemperature() {
        assertThat(TrainingRun.loss("offset-ce")).isInstanceOfSatisfying(OffsetCrossEntropyLoss.class, l -> {
            assertThat(l.offset()).isCloseTo(1.5 * Math.sqrt(2), within(1e-12));
            assertThat(l.temperature()).isEqualTo(0.25);
        });
        assertThat(value(TrainingRun.loss("offset-ce"))).isCloseTo(offsetCe(1.5 * Math.sqrt(2), 0.25), within(1e-5));
        assertThat(value(TrainingRun.loss("offset-ce:0.7"))).isCloseTo(offsetCe(0.7, 0.25), within(1e-5));
        assertThat(value(TrainingRun.loss("offset-ce:0.7:0.5"))).isCloseTo(offsetCe(0.7, 0.5), within(1e-5));
    }

    @Test
    void marginTakesItsMargin() {
        // multi-margin: mean over samples of sum_{k != y} max(0, m - f_y + f_k) / classes
        double m = 0.3;
        double expected = (Math.max(0, m - 2.0 + 0.5) + Math.max(0, m - 2.0 - 1.0)
                + Math.max(0, m - 0.4 + 0.2) + Math.max(0, m - 0.4 + 0.1)) / 3 / 2;
        assertThat(value(TrainingRun.loss("margin:0.3"))).isCloseTo(expected, within(1e-6));
        assertThat(TrainingRun.loss("ce")).isInstanceOf(CrossEntropyLoss.class);
    }

    @Test
    void badSpecsAreNamed() {
        assertThatThrownBy(() -> TrainingRun.loss("hinge")).hasMessageContaining("unknown loss 'hinge'");
        assertThatThrownBy(() -> TrainingRun.loss("ce:1")).hasMessageContaining("at most 0");
        assertThatThrownBy(() -> TrainingRun.loss("offset-ce:1:2:3")).hasMessageContaining("at most 2");
        assertThatThrownBy(() -> TrainingRun.loss("offset-ce:abc")).hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> TrainingRun.loss("margin:-1")).hasMessageContaining("positive");
    }
}
