package org.robust4j.experiments.backendcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.robust4j.experiments.backendcheck.BackendCheckConfig.ConvCase;

class MeasurementTest {

    @Test
    void medianMinAndRateFromNanoseconds() {
        // 2e9 flops; times 4, 1, 3 ms (odd count) -> median 3 ms.
        Measurement m = Measurement.of("matmul", "s", 2_000_000_000L, new long[] {4_000_000, 1_000_000, 3_000_000});
        assertThat(m.medianMs()).isEqualTo(3.0);
        assertThat(m.minMs()).isEqualTo(1.0);
        assertThat(m.gflops()).isCloseTo(2.0 / 0.003, within(1e-9));
        // Even count: the mean of the middle two.
        assertThat(Measurement.of("x", "s", 1, new long[] {2_000_000, 8_000_000, 4_000_000, 6_000_000}).medianMs())
                .isEqualTo(5.0);
    }

    @Test
    void convolutionGeometryAndFlopsByHand() {
        ConvCase c = new ConvCase(128, 16, 28, 28, 32, 3, 1, 1);
        assertThat(c.outHeight()).isEqualTo(28);
        assertThat(c.outWidth()).isEqualTo(28);
        // 128 images x 32 maps x 784 pixels, each a dot product of 16*3*3 = 144 terms.
        assertThat(c.forwardFlops()).isEqualTo(2L * 128 * 32 * 784 * 144);
        assertThat(c.label()).isEqualTo("[128,16,28,28]x[32,16,3,3] s1 p1");
        ConvCase strided = new ConvCase(1, 1, 7, 7, 1, 3, 2, 0);
        assertThat(strided.outHeight()).isEqualTo(3);
    }
}
