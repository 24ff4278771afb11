package org.robust4j.benchmarks.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's own fp32 FMA peak with the suite's thread count, the ceiling that the GEMM rows are
 * a fraction of: each thread runs chains of fused multiply-adds on the widest vectors the CPU has,
 * 12 independent accumulators so the FMA units' latency is hidden, and nothing touches memory.
 * GFLOP/s = threads x steps x 12 x lanes x 2 / seconds. Measured, not looked up: clock, turbo and
 * a hypervisor's share all show in it. (The PyTorch side has no such row.)
 */
final class FmaPeakRow extends Row {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int STEPS = 20_000_000;   // about 40 ms a call: thread hand-off is noise

    private final int threads;

    FmaPeakRow(int threads) {
        super("fma-peak", "GFLOP/s", true,
                "the CPU's measured fp32 FMA peak, " + threads + " threads, " + SPECIES.length() + "-lane vectors");
        this.threads = threads;
    }

    @Override
    RowResult run(Bench bench) throws Exception {
        for (int i = 0; i < 300; i++) {
            chains(10_000);   // compiled before the first timed call: interpreted, every FMA allocates a vector
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double[] sink = {0};
        try {
            GatedTimer.Timing t = bench.timer().time(() -> {
                try {
                    Future<?>[] f = new Future<?>[threads];
                    for (int i = 0; i < threads; i++) {
                        f[i] = pool.submit(() -> chains(STEPS));
                    }
                    for (Future<?> x : f) {
                        sink[0] += (Float) x.get();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            double flops = (double) threads * STEPS * 12 * SPECIES.length() * 2;
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("threads", threads);
            params.put("lanes", SPECIES.length());
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("finite", Double.isFinite(sink[0]));
            return RowResult.rate(flops / 1e9, t, params, check);
        } finally {
            pool.shutdownNow();
        }
    }

    /** 12 independent chains acc = x * y + acc; returns a lane sum so nothing is dead code. */
    private static float chains(int steps) {
        FloatVector x = FloatVector.broadcast(SPECIES, 1.0000001f);
        FloatVector y = FloatVector.broadcast(SPECIES, 0.9999999f);
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < steps; i++) {
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
