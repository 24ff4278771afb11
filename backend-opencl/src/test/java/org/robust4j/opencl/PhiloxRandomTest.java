package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/**
 * The device generator is Philox 4x32-10 (known-answer vectors of the Random123 distribution,
 * and a plain Java implementation on random inputs), and its streams depend on the seed and the
 * element only: not on the work-group size, nor on how many elements are drawn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhiloxRandomTest {
    private OpenClBackend backend;
    private OpenClBackend smallGroups;

    @BeforeAll
    void start() {
        backend = OpenClTestBackends.create();
        smallGroups = OpenClTestBackends.create(OpenClOptions.defaults().withLimits(16, 0));
    }

    @AfterAll
    void stop() {
        if (backend != null) {
            backend.close();
        }
        if (smallGroups != null) {
            smallGroups.close();
        }
    }

    @Test
    void knownAnswersOfRandom123() {
        // kat_vectors of Random123 1.09, philox4x32 with 10 rounds
        check(new int[] {0, 0, 0, 0}, new int[] {0, 0},
                0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8);
        check(new int[] {-1, -1, -1, -1}, new int[] {-1, -1},
                0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd);
        check(new int[] {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, new int[] {0xa4093822, 0x299f31d0},
                0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1);
    }

    private void check(int[] counter, int[] key, int... expected) {
        assertThat(backend.random.philox(counter, key)).as("device Philox of %s", hex(counter)).containsExactly(expected);
        assertThat(philox(counter, key)).as("Java Philox of %s", hex(counter)).containsExactly(expected);
    }

    @Test
    void deviceMatchesAPlainJavaPhiloxOnRandomInputs() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 20; i++) {
            int[] c = {r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt()};
            int[] k = {r.nextInt(), r.nextInt()};
            assertThat(backend.random.philox(c, k)).containsExactly(philox(c, k));
        }
    }

    @Test
    void uniformIsPhiloxOfTheElementIndex() {
        // FLOAT32 element i is the top 24 bits of word i%4 of block i/4 (stream 1), scaled to [0, 1).
        long seed = 0x1234_5678_9abcL;
        try (Scope s = Scope.open()) {
            float[] u = backend.toFloats(backend.randomUniform(Shape.of(10), DType.FLOAT32, 0, 1, seed));
            int[] key = {(int) seed, (int) (seed >>> 32)};
            for (int i = 0; i < u.length; i++) {
                int[] block = philox(new int[] {i / 4, 0, 1, 0}, key);
                assertThat(u[i]).isEqualTo((block[i % 4] >>> 8) * 0x1.0p-24f);
            }
        }
    }

    @Test
    void streamsIgnoreWorkGroupSizeAndLength() {
        try (Scope s = Scope.open()) {
            for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                double[] a = backend.toDoubles(backend.randomNormal(Shape.of(1001), dt, 0, 1, 99));
                double[] b = smallGroups.toDoubles(smallGroups.randomNormal(Shape.of(1001), dt, 0, 1, 99));
                assertThat(b).as("normal %s with 16 work-items per group", dt).containsExactly(a);
                double[] prefix = backend.toDoubles(backend.randomNormal(Shape.of(7), dt, 0, 1, 99));
                assertThat(prefix).as("the first 7 of a longer stream").containsExactly(Arrays.copyOf(a, 7));
                double[] u = backend.toDoubles(backend.randomUniform(Shape.of(33, 3), dt, -1, 1, 99));
                double[] v = smallGroups.toDoubles(smallGroups.randomUniform(Shape.of(33, 3), dt, -1, 1, 99));
                assertThat(v).as("uniform %s with 16 work-items per group", dt).containsExactly(u);
                double[] l = backend.toDoubles(backend.randomLaplace(Shape.of(50), dt, 0, 1, 3));
                double[] m = smallGroups.toDoubles(smallGroups.randomLaplace(Shape.of(50), dt, 0, 1, 3));
                assertThat(m).as("laplace %s", dt).containsExactly(l);
            }
        }
    }

    // ---------------------------------------------------------------- reference implementation

    /** Philox 4x32-10 as in Random123's philox.h, on Java ints as unsigned 32-bit words. */
    static int[] philox(int[] counter, int[] key) {
        int[] c = counter.clone();
        int k0 = key[0];
        int k1 = key[1];
        for (int round = 0; round < 10; round++) {
            if (round > 0) {
                k0 += 0x9E3779B9;
                k1 += 0xBB67AE85;
            }
            long p0 = (0xD2511F53L) * (c[0] & 0xffffffffL);
            long p1 = (0xCD9E8D57L) * (c[2] & 0xffffffffL);
            int hi0 = (int) (p0 >>> 32);
            int lo0 = (int) p0;
            int hi1 = (int) (p1 >>> 32);
            int lo1 = (int) p1;
            c = new int[] {hi1 ^ c[1] ^ k0, lo1, hi0 ^ c[3] ^ k1, lo0};
        }
        return c;
    }

    private static String hex(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int x : v) {
            sb.append(String.format("%08x ", x));
        }
        return sb.toString().trim();
    }
}
