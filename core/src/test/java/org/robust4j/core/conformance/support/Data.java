package org.robust4j.core.conformance.support;

import java.util.SplittableRandom;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * Deterministic random host data for the tests. Independent of any backend's generator, so test
 * inputs do not change when a backend's random fills do.
 */
public final class Data {
    private Data() {}

    /** Uniform on [lo, hi), rounded to what {@code dtype} can hold. */
    public static Host uniform(DType dtype, long seed, double lo, double hi, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Shape s = Shape.of(shape);
        double[] d = new double[s.sizeAsInt()];
        for (int i = 0; i < d.length; i++) {
            d[i] = Host.round(lo + (hi - lo) * r.nextDouble(), dtype);
        }
        return new Host(s, d);
    }

    /** Uniform magnitude in [lo, hi) with a random sign: keeps values away from zero. */
    public static Host awayFromZero(DType dtype, long seed, double lo, double hi, int... shape) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Host u = uniform(dtype, seed, lo, hi, shape);
        return u.map(v -> r.nextBoolean() ? v : -v);
    }

    /** Small integers in [lo, hi] (as doubles): produce ties for comparisons, max and argMax. */
    public static Host ints(long seed, int lo, int hi, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Shape s = Shape.of(shape);
        double[] d = new double[s.sizeAsInt()];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + r.nextInt(hi - lo + 1);
        }
        return new Host(s, d);
    }

    /**
     * Distinct values spaced by {@code gap} (a shuffled grid, centred on zero): no two are within
     * a finite-difference step of each other, so max, min, maxPool and sorting have one answer.
     */
    public static Host distinct(long seed, double gap, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Shape s = Shape.of(shape);
        int n = s.sizeAsInt();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = (p[i] - (n - 1) / 2.0) * gap;
        }
        return new Host(s, d);
    }
}
