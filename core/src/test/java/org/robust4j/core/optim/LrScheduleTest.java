package org.robust4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    @Test
    void triangularHitsItsCorners() {
        LrSchedule s = LrSchedule.triangular(0.01, 1000);
        assertThat(s.at(0)).isEqualTo(0.0);
        assertThat(s.at(200)).isCloseTo(0.005, within(1e-15));
        assertThat(s.at(400)).isCloseTo(0.01, within(1e-15));
        assertThat(s.at(800)).isCloseTo(0.0005, within(1e-15));
        assertThat(s.at(1000)).isCloseTo(0.0, within(1e-15));
    }

    @Test
    void oneCycleMatchesPyTorchDefaults() {
        // torch.optim.lr_scheduler.OneCycleLR(max_lr=0.1, total_steps=100): step 0 -> 0.004,
        // peak at step 29 (pct_start * total - 1), last step -> 0.004 / 1e4.
        LrSchedule s = LrSchedule.oneCycle(0.1, 100);
        assertThat(s.at(0)).isCloseTo(0.004, within(1e-15));
        assertThat(s.at(29)).isCloseTo(0.1, within(1e-15));
        assertThat(s.at(99)).isCloseTo(4e-7, within(1e-15));
        double mid = 4e-7 + (0.1 - 4e-7) / 2 * (Math.cos(Math.PI * 0.5) + 1);
        assertThat(s.at(64)).isCloseTo(mid, within(1e-12));
    }

    @Test
    void cosineAndStep() {
        assertThat(LrSchedule.cosine(1, 0, 10).at(5)).isCloseTo(0.5, within(1e-15));
        assertThat(LrSchedule.cosine(1, 0, 10).at(10)).isCloseTo(0.0, within(1e-15));
        assertThat(LrSchedule.stepDecay(1, 3, 0.1).at(7)).isCloseTo(0.01, within(1e-15));
    }
}
