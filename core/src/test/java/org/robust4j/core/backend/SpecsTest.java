package org.robust4j.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Output sizes of the convolution and pooling specs against counting window positions, and their validation. */
class SpecsTest {

    /** Window starts {@code o * stride} whose last tap {@code o * stride + extent - 1} stays inside {@code size + 2 pad}. */
    private static int countWindows(int size, int pad, int extent, int stride) {
        int n = 0;
        while (n * stride + extent - 1 <= size + 2 * pad - 1) {
            n++;
        }
        return n;
    }

    @Test
    void convOutputSizesMatchACountOfWindows() {
        for (int h = 1; h <= 9; h++) {
            for (int k = 1; k <= 4; k++) {
                for (int s = 1; s <= 3; s++) {
                    for (int p = 0; p <= 2; p++) {
                        for (int d = 1; d <= 3; d++) {
                            Conv2dSpec spec = new Conv2dSpec(s, s, p, p, d, d, 1);
                            int extent = d * (k - 1) + 1;
                            int expected = countWindows(h, p, extent, s);
                            String what = "h=" + h + " k=" + k + " s=" + s + " p=" + p + " d=" + d;
                            if (expected > 0) {
                                assertThat(spec.outH(h, k)).as(what).isEqualTo(expected);
                                assertThat(spec.outW(h, k)).as(what).isEqualTo(expected);
                            } else {
                                assertThat(spec.outH(h, k)).as(what + " (kernel larger than the padded input)").isLessThanOrEqualTo(0);
                                assertThat(spec.outW(h, k)).as(what + " (kernel larger than the padded input)").isLessThanOrEqualTo(0);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void poolOutputSizesMatchACountOfWindows() {
        for (int h = 1; h <= 9; h++) {
            for (int k = 1; k <= 5; k++) {
                for (int s = 1; s <= 4; s++) {
                    for (int p = 0; 2 * p <= k; p++) {
                        Pool2dSpec spec = new Pool2dSpec(k, k, s, s, p, p);
                        int expected = countWindows(h, p, k, s);
                        String what = "h=" + h + " k=" + k + " s=" + s + " p=" + p;
                        if (expected > 0) {
                            assertThat(spec.outH(h)).as(what).isEqualTo(expected);
                            assertThat(spec.outW(h)).as(what).isEqualTo(expected);
                        } else {
                            assertThat(spec.outH(h)).as(what + " (window larger than the padded input)").isLessThanOrEqualTo(0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void nonSquareGeometryUsesTheRightAxis() {
        Conv2dSpec c = new Conv2dSpec(2, 3, 1, 0, 1, 2, 1);
        assertThat(c.outH(7, 3)).isEqualTo(countWindows(7, 1, 3, 2));
        assertThat(c.outW(10, 3)).isEqualTo(countWindows(10, 0, 5, 3));
        Pool2dSpec p = new Pool2dSpec(3, 2, 1, 2, 1, 0);
        assertThat(p.outH(5)).isEqualTo(countWindows(5, 1, 3, 1));
        assertThat(p.outW(5)).isEqualTo(countWindows(5, 0, 2, 2));
    }

    @Test
    void factoriesAndCopies() {
        assertThat(Conv2dSpec.defaults()).isEqualTo(new Conv2dSpec(1, 1, 0, 0, 1, 1, 1));
        assertThat(Conv2dSpec.of(2, 1)).isEqualTo(new Conv2dSpec(2, 2, 1, 1, 1, 1, 1));
        assertThat(Conv2dSpec.of(2, 1).withGroups(4)).isEqualTo(new Conv2dSpec(2, 2, 1, 1, 1, 1, 4));
        assertThat(Pool2dSpec.of(2)).isEqualTo(new Pool2dSpec(2, 2, 2, 2, 0, 0));
        assertThat(Pool2dSpec.of(3, 2, 1)).isEqualTo(new Pool2dSpec(3, 3, 2, 2, 1, 1));
    }

    @Test
    void convValidation() {
        assertThatThrownBy(() -> new Conv2dSpec(0, 1, 0, 0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("conv2d", "stride", "0x1");
        assertThatThrownBy(() -> new Conv2dSpec(1, 1, -1, 0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("conv2d", "padding");
        assertThatThrownBy(() -> new Conv2dSpec(1, 1, 0, 0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("conv2d", "dilation");
        assertThatThrownBy(() -> new Conv2dSpec(1, 1, 0, 0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("conv2d", "groups");
    }

    @Test
    void poolValidation() {
        assertThatThrownBy(() -> new Pool2dSpec(0, 2, 1, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("pool2d", "kernel");
        assertThatThrownBy(() -> new Pool2dSpec(2, 2, 1, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("pool2d", "stride");
        assertThatThrownBy(() -> new Pool2dSpec(3, 3, 1, 1, 2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("pool2d", "padding", "half");
        assertThatThrownBy(() -> new Pool2dSpec(3, 3, 1, 1, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void padModeParsing() {
        assertThat(PadMode.parse("zero")).isEqualTo(PadMode.ZERO);
        assertThat(PadMode.parse(" Constant ")).isEqualTo(PadMode.ZERO);
        assertThat(PadMode.parse("zeros")).isEqualTo(PadMode.ZERO);
        assertThat(PadMode.parse("CIRCULAR")).isEqualTo(PadMode.CIRCULAR);
        assertThat(PadMode.parse("wrap")).isEqualTo(PadMode.CIRCULAR);
        assertThat(PadMode.parse("periodic")).isEqualTo(PadMode.CIRCULAR);
        assertThatThrownBy(() -> PadMode.parse("reflect")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("reflect", "zero", "circular");
    }

    @Test
    void circularIndicesWrapAnyWidth() {
        assertThat(BackendDefaults.circularIndices(3, 1, 1)).containsExactly(2, 0, 1, 2, 0);
        assertThat(BackendDefaults.circularIndices(2, 5, 0)).containsExactly(1, 0, 1, 0, 1, 0, 1);
        assertThat(BackendDefaults.circularIndices(1, 2, 2)).containsExactly(0, 0, 0, 0, 0);
        assertThatThrownBy(() -> BackendDefaults.circularIndices(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void permutationHelpers() {
        assertThat(BackendDefaults.moveToFront(2, 4)).containsExactly(2, 0, 1, 3);
        assertThat(BackendDefaults.inverse(new int[] {2, 0, 1, 3})).containsExactly(1, 2, 0, 3);
        assertThat(BackendDefaults.dropAxes(org.robust4j.core.tensor.Shape.of(2, 3, 4, 5), new int[] {1, 3}))
                .isEqualTo(org.robust4j.core.tensor.Shape.of(2, 4));
    }
}
