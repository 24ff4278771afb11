package org.robust4j.core.data;

/**
 * Derives independent seeds from a root seed and a path of integers, such as (seed, "shuffle",
 * epoch) or (seed, "augment", epoch, batch). A derived stream depends only on its path, never on
 * how many numbers other streams drew or on which thread runs, which is what makes a loader's
 * batches the same with prefetching on or off.
 */
final class Seeds {
    static final long SHUFFLE = 0x5348_5546_464CL; // "SHUFFL"
    static final long AUGMENT = 0x4155_474D_454EL; // "AUGMEN"

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    static long derive(long seed, long... path) {
        long h = mix(seed + GOLDEN);
        for (long k : path) {
            h = mix(h ^ mix(k + GOLDEN)) + GOLDEN;
        }
        return mix(h);
    }

    /** SplitMix64's finaliser (Stafford variant 13). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
