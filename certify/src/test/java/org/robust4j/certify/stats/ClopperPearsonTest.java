package org.robust4j.certify.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hipparchus.distribution.continuous.BetaDistribution;
import org.junit.jupiter.api.Test;

class ClopperPearsonTest {

    /**
     * {k, n, alpha, lower, upper} computed once with SciPy 1.10.1 (Debian python3-scipy):
     * {@code lower = 0 if k == 0 else scipy.stats.beta.ppf(alpha, k, n-k+1)},
     * {@code upper = 1 if k == n else scipy.stats.beta.ppf(1-alpha, k+1, n-k)}.
     * The (100000, 100000, 0.001) row is the 0.999931 of the note's table (R_max = 3.81 sigma).
     */
    private static final double[][] SCIPY = {
        {0, 10, 0.05, 0.0, 0.2588655508930522},
        {1, 10, 0.05, 0.005116196891823702, 0.39416330243650466},
        {5, 10, 0.05, 0.2224411010081294, 0.7775588989918706},
        {10, 10, 0.05, 0.7411344491069477, 1.0},
        {80, 100, 0.001, 0.6535572712893807, 0.9054945106531107},
        {100, 100, 0.001, 0.933254300796991, 1.0},
        {9000, 10000, 0.001, 0.8904097336749064, 0.9090504003967174},
        {10000, 10000, 0.001, 0.9993094630025899, 1.0},
        {99990, 100000, 0.001, 0.9997586773435911, 0.9999703939022321},
        {100000, 100000, 0.001, 0.9999309248330094, 1.0},
        {50, 100, 0.01, 0.38071746690695246, 0.6192825330930475},
        {523, 1000, 0.001, 0.47366669592184313, 0.5720216807770794},
    };

    @Test
    void matchesScipyBetaQuantiles() {
        for (double[] c : SCIPY) {
            long k = (long) c[0];
            long n = (long) c[1];
            assertThat(ClopperPearson.lower(k, n, c[2])).as("lower k=%s n=%s", k, n).isCloseTo(c[3], within(1e-12));
            assertThat(ClopperPearson.upper(k, n, c[2])).as("upper k=%s n=%s", k, n).isCloseTo(c[4], within(1e-12));
        }
    }

    @Test
    void boundsAreOnTheSafeSideOfTheExactQuantile() {
        for (double[] c : SCIPY) {
            long k = (long) c[0];
            long n = (long) c[1];
            double alpha = c[2];
            if (k > 0) {
                double lo = ClopperPearson.lower(k, n, alpha);
                assertThat(new BetaDistribution(k, n - k + 1).cumulativeProbability(lo)).isLessThanOrEqualTo(alpha);
            }
            if (k < n) {
                double hi = ClopperPearson.upper(k, n, alpha);
                assertThat(new BetaDistribution(k + 1, n - k).cumulativeProbability(hi)).isGreaterThanOrEqualTo(1 - alpha);
            }
        }
    }

    @Test
    void maximumCertifiableProbabilityIsAlphaToTheOneOverN() {
        // All n votes for the top class: the bound is alpha^(1/n) (the note's table of R_max).
        for (int n : new int[] {100, 1000, 10_000, 100_000}) {
            assertThat(ClopperPearson.lower(n, n, 0.001)).isCloseTo(Math.pow(0.001, 1.0 / n), within(1e-12));
        }
    }

    @Test
    void twoSidedIntervalSplitsAlpha() {
        double[] ci = ClopperPearson.interval(50, 100, 0.02);
        assertThat(ci[0]).isCloseTo(0.38071746690695246, within(1e-12));
        assertThat(ci[1]).isCloseTo(0.6192825330930475, within(1e-12));
    }

    @Test
    void rejectsBadCounts() {
        assertThatThrownBy(() -> ClopperPearson.lower(11, 10, 0.05)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k=11 n=10");
        assertThatThrownBy(() -> ClopperPearson.lower(1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Spark runs tasks as threads of one executor: bounds computed side by side must equal the sequential ones. */
    @Test
    void concurrentCallsGiveTheSequentialBounds() throws Exception {
        double[] expected = new double[SCIPY.length];
        for (int i = 0; i < SCIPY.length; i++) {
            expected[i] = ClopperPearson.lower((long) SCIPY[i][0], (long) SCIPY[i][1], SCIPY[i][2]);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<double[]>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    double[] got = new double[SCIPY.length * 50];
                    for (int r = 0; r < 50; r++) {
                        for (int i = 0; i < SCIPY.length; i++) {
                            got[r * SCIPY.length + i] = ClopperPearson.lower((long) SCIPY[i][0], (long) SCIPY[i][1], SCIPY[i][2]);
                        }
                    }
                    return got;
                }));
            }
            for (java.util.concurrent.Future<double[]> f : runs) {
                double[] got = f.get();
                for (int k = 0; k < got.length; k++) {
                    assertThat(got[k]).as("bound %s", k % SCIPY.length).isEqualTo(expected[k % SCIPY.length]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
