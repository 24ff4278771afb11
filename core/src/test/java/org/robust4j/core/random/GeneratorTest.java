package org.robust4j.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generator against independent computations: the JDK's SplittableRandom (the same SplitMix64
 * stream), chi-square tests of uniformity at fixed seeds, and exact properties of permutations.
 */
class GeneratorTest {

    @Test
    void isSplitMix64LikeSplittableRandom() {
        for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE}) {
            Generator g = new Generator(seed);
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < 1000; i++) {
                assertThat(g.nextLong()).as("draw %s under seed %s", i, seed).isEqualTo(r.nextLong());
            }
            Generator g2 = new Generator(seed);
            SplittableRandom r2 = new SplittableRandom(seed);
            for (int i = 0; i < 1000; i++) {
                assertThat(g2.nextDouble()).isEqualTo(r2.nextDouble());
            }
        }
    }

    @Test
    void sameSeedSameStream() {
        Generator a = new Generator(123);
        Generator b = new Generator(123);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextInt(1000)).isEqualTo(b.nextInt(1000));
            assertThat(a.nextGaussian()).isEqualTo(b.nextGaussian());
            assertThat(a.nextSeed()).isEqualTo(b.nextSeed());
        }
        assertThat(new Generator(1).nextLong()).isNotEqualTo(new Generator(2).nextLong());
    }

    @Test
    void forkIsIndependentOfTheParentsContinuation() {
        Generator parent = new Generator(9);
        Generator child = parent.fork();
        long[] c = new long[50];
        long[] p = new long[50];
        for (int i = 0; i < 50; i++) {
            c[i] = child.nextLong();
            p[i] = parent.nextLong();
        }
        assertThat(c).doesNotContain(p);
        Generator again = new Generator(9).fork();
        assertThat(again.nextLong()).as("forks are deterministic").isEqualTo(c[0]);
    }

    @Test
    void nextDoubleIsInTheUnitInterval() {
        Generator g = new Generator(5);
        for (int i = 0; i < 100_000; i++) {
            double d = g.nextDouble();
            assertThat(d).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
    }

    @Test
    void nextIntStaysInBounds() {
        Generator g = new Generator(6);
        for (int bound : new int[] {1, 2, 3, 7, 10, 1000, Integer.MAX_VALUE}) {
            for (int i = 0; i < 10_000; i++) {
                int v = g.nextInt(bound);
                assertThat(v).as("nextInt(%s)", bound).isGreaterThanOrEqualTo(0).isLessThan(bound);
            }
        }
        assertThat(new Generator(1).nextInt(1)).isZero();
        assertThatThrownBy(() -> g.nextInt(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        assertThatThrownBy(() -> g.nextInt(-5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextIntIsUniform() {
        // chi-square with bound - 1 degrees of freedom; critical values at p = 1e-6
        assertChiSquare(10, 200_000, 7, 44.8);
        assertChiSquare(3, 90_000, 8, 27.6);
        assertChiSquare(97, 300_000, 9, 176.8);
    }

    private static void assertChiSquare(int bound, int n, long seed, double critical) {
        Generator g = new Generator(seed);
        long[] counts = new long[bound];
        for (int i = 0; i < n; i++) {
            counts[g.nextInt(bound)]++;
        }
        double expected = (double) n / bound;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertThat(chi2).as("chi-square of nextInt(%s) counts %s", bound, Arrays.toString(counts)).isLessThan(critical);
    }

    @Test
    void nextIntHasNoModuloBiasForLargeBounds() {
        // With 32 random bits, x mod 1.5e9 would land below 1.29e9 twice as often: P(v < bound/2) = 0.35, not 0.5.
        int bound = 1_500_000_000;
        Generator g = new Generator(10);
        int n = 200_000;
        int low = 0;
        for (int i = 0; i < n; i++) {
            low += g.nextInt(bound) < bound / 2 ? 1 : 0;
        }
        double se = Math.sqrt(0.25 / n);
        assertThat((double) low / n).isBetween(0.5 - 6 * se, 0.5 + 6 * se);
    }

    @Test
    void nextGaussianHasStandardMoments() {
        Generator g = new Generator(11);
        int n = 200_000;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double x = g.nextGaussian();
            s += x;
            s2 += x * x;
        }
        double mean = s / n;
        double var = s2 / n - mean * mean;
        assertThat(mean).isBetween(-6 / Math.sqrt(n), 6 / Math.sqrt(n));
        assertThat(var).isBetween(1 - 6 * Math.sqrt(2.0 / n), 1 + 6 * Math.sqrt(2.0 / n));
    }

    @Test
    void permutationIsAPermutation() {
        Generator g = new Generator(12);
        for (int n : new int[] {0, 1, 2, 17, 1000}) {
            int[] p = g.permutation(n);
            int[] sorted = p.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) {
                assertThat(sorted[i]).isEqualTo(i);
            }
        }
        assertThat(new Generator(13).permutation(50)).isNotEqualTo(new Generator(14).permutation(50));
        assertThat(new Generator(13).permutation(50)).isEqualTo(new Generator(13).permutation(50));
    }

    @Test
    void permutationsAreUniform() {
        // all 24 orders of 4 elements equally likely: chi-square with 23 degrees of freedom, p = 1e-6 critical 70.5
        Generator g = new Generator(15);
        Map<String, Integer> counts = new HashMap<>();
        int n = 120_000;
        for (int i = 0; i < n; i++) {
            counts.merge(Arrays.toString(g.permutation(4)), 1, Integer::sum);
        }
        assertThat(counts).hasSize(24);
        double expected = n / 24.0;
        double chi2 = 0;
        for (int c : counts.values()) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertThat(chi2).as("chi-square over the 24 permutations: %s", counts).isLessThan(70.5);
    }

    @Test
    void shuffleKeepsTheElements() {
        int[] a = {5, 5, 1, 9, -2};
        new Generator(16).shuffle(a);
        int[] s = a.clone();
        Arrays.sort(s);
        assertThat(s).containsExactly(-2, 1, 5, 5, 9);
        int[] empty = {};
        new Generator(16).shuffle(empty);
        assertThat(empty).isEmpty();
    }
}
