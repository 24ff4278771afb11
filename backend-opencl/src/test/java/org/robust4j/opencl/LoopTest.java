package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.robust4j.core.tensor.Shape;

/** The host side of the kernels' index arithmetic: axis merging and division by multiplication. */
class LoopTest {

    /** What the kernels compute: the high 32 bits of the unsigned product, shifted. */
    private static int divide(int n, int[] ms) {
        return (int) ((((n & 0xffffffffL) * (ms[0] & 0xffffffffL)) >>> 32) >>> ms[1]);
    }

    @Test
    void magicDivisionIsExactForEveryNonNegativeInt() {
        SplittableRandom r = new SplittableRandom(1);
        int[] divisors = {2, 3, 5, 7, 10, 28, 255, 256, 257, 784, 1000, 4095, 4096, 65535, 65536, 1 << 20,
            (1 << 30) + 1, Integer.MAX_VALUE};
        for (int d : divisors) {
            check(d, r);
        }
        for (int i = 0; i < 2000; i++) {
            check(2 + r.nextInt(Integer.MAX_VALUE - 2), r);
            check(2 + r.nextInt(5000), r);
        }
    }

    private static void check(int d, SplittableRandom r) {
        int[] ms = Loop.magic(d);
        int[] ns = {0, 1, d - 1, d, d + 1, 2 * d - 1 < 0 ? Integer.MAX_VALUE : 2 * d - 1, Integer.MAX_VALUE,
            Integer.MAX_VALUE - 1, Integer.MAX_VALUE / d * d, Integer.MAX_VALUE / d * d - 1};
        for (int n : ns) {
            if (n < 0) {
                continue;   // d + 1 overflowed: not a kernel index
            }
            assertThat(divide(n, ms)).as("%s / %s", n, d).isEqualTo(n / d);
        }
        for (int i = 0; i < 200; i++) {
            int n = r.nextInt(Integer.MAX_VALUE);
            assertThat(divide(n, ms)).as("%s / %s", n, d).isEqualTo(n / d);
        }
    }

    @Test
    void contiguousOperandsMergeIntoOneAxis() {
        Shape s = Shape.of(4, 3, 5);
        Loop l = Loop.of(s, Strides.rowMajor(s), Strides.rowMajor(s));
        assertThat(l.rank).isEqualTo(1);
        assertThat(l.dims[0]).isEqualTo(60);
    }

    @Test
    void broadcastAndSizeOneAxesMergeWhereEveryOperandAllows() {
        // [4, 1, 3, 5] + [5] broadcast: the row operand repeats every 5 elements, so two axes remain.
        Shape s = Shape.of(4, 1, 3, 5);
        Loop l = Loop.of(s, Strides.rowMajor(s), Strides.broadcast(Shape.of(5), new int[] {1}, s));
        assertThat(l.rank).isEqualTo(2);
        assertThat(l.dims[0]).isEqualTo(5);
        assertThat(l.dims[1]).isEqualTo(12);
        assertThat(l.strides[1][1]).isZero();
        // A transposed operand merges nothing.
        Shape m = Shape.of(3, 4);
        Loop t = Loop.of(m, new int[] {1, 3}, Strides.rowMajor(m));
        assertThat(t.rank).isEqualTo(2);
    }
}
