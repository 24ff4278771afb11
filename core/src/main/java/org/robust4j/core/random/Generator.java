package org.robust4j.core.random;

/**
 * An explicit, seedable source of randomness. Nothing in robust4j draws from a hidden global
 * generator: code that needs randomness takes a {@code Generator}, and the same seed gives the
 * same numbers on the same backend. Backend random fills receive a 64-bit seed drawn from here
 * ({@link #nextSeed()}); host-side draws (shuffles, sampling) use the same stream.
 *
 * <p>The stream is SplitMix64 (Steele, Lea, Flood 2014), the generator behind
 * {@link java.util.SplittableRandom}. Not thread-safe: give each thread its own {@link #fork()}.
 */
public final class Generator {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public Generator(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits, for seeding a backend fill. */
    public long nextSeed() {
        return mix(state += GOLDEN);
    }

    public long nextLong() {
        return nextSeed();
    }

    /** A new independent generator seeded from this one. */
    public Generator fork() {
        return new Generator(nextSeed());
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextSeed() >>> 11) * 0x1.0p-53;
    }

    /** Uniform on [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-and-reject on 32 random bits.
        long m = (nextSeed() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextSeed() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal (Box-Muller). */
    public double nextGaussian() {
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 == 0.0);
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A random permutation of {@code 0..n-1}. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
