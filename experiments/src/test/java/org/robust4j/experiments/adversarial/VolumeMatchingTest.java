package org.robust4j.experiments.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VolumeMatchingTest {

    @Test
    void planeSquareAndDiscOfEqualArea() {
        // (2 eps)^2 = pi r^2.
        assertThat(VolumeMatching.l2RadiusForLinf(2, 0.3)).isCloseTo(0.6 / Math.sqrt(Math.PI), within(1e-12));
    }

    @Test
    void threeDimensionalCubeAndBall() {
        // (2 eps)^3 = 4/3 pi r^3.
        double r = Math.cbrt(8 * 0.1 * 0.1 * 0.1 * 3 / (4 * Math.PI));
        assertThat(VolumeMatching.l2RadiusForLinf(3, 0.1)).isCloseTo(r, within(1e-12));
    }

    @Test
    void reproducesThePapersCifarPairing() {
        // Araujo et al. pair eps_inf = 0.031 with eps_2 = 0.83 on CIFAR-10 (d = 3072).
        assertThat(VolumeMatching.l2RadiusForLinf(3 * 32 * 32, 0.031)).isCloseTo(0.83, within(0.005));
    }
}
