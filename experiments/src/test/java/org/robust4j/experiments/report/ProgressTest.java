package org.robust4j.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void countsStepsWithoutATerminalAndClosesOnce() {
        Progress p = Progress.withLogLines("task", 10);
        for (int i = 0; i < 4; i++) {
            p.step();
        }
        p.stepBy(6);
        assertThat(p.done()).isEqualTo(10);
        p.close();
        p.close();
    }

    @Test
    void aBarCanBeDrivenTheSameWay() {
        try (Progress p = Progress.withBar("bar", 3)) {
            p.step();
            p.stepBy(2);
            assertThat(p.done()).isEqualTo(3);
        }
    }
}
