package org.robust4j.certify.smoothing;

import org.robust4j.core.random.Generator;

/**
 * Per-sample random streams derived from {@code (seed, sample index)} alone, so certifying a
 * subset or a shard of a dataset (on another thread or another machine) gives the same records
 * as the full run.
 *
 * <p>Each sample's generator is split into named streams in a fixed order: the selection draws
 * ({@code n0}), the estimation draws ({@code n}), and the draws of any extra probe.
 */
public final class SampleSeeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SampleSeeds() {}

    /** The generator of sample {@code index} under {@code seed}. */
    public static Generator forSample(long seed, long index) {
        // Two rounds of the SplitMix64 finaliser decorrelate neighbouring seeds and indices.
        return new Generator(mix(seed ^ mix(index * GOLDEN + GOLDEN)));
    }

    /** Streams of one sample, in the order they are split off. */
    public record Streams(Generator selection, Generator estimation, Generator probe) {}

    public static Streams streams(long seed, long index) {
        Generator g = forSample(seed, index);
        Generator selection = g.fork();
        Generator estimation = g.fork();
        Generator probe = g.fork();
        return new Streams(selection, estimation, probe);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
