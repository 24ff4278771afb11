package org.robust4j.benchmarks.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Times a call the way the PyTorch peer's {@code timing.py} does, so both sides' figures mean the
 * same: warm-up, then samples of back-to-back calls (each at least {@code sampleSeconds}),
 * each tagged with the cores other processes used meanwhile; after a contended sample it waits (up
 * to 30 s) for a quiet machine. It stops after {@code cleanNeeded} quiet samples, {@code maxSamples}
 * samples or {@code limitSeconds}. The median is over quiet samples; with none, over all samples,
 * and the result says {@code contended}. The warm-up runs calls until {@code warmupSeconds} have passed,
 * at most 3 (the peer warms up with one call: PyTorch has no JIT compiler to wait for, the JVM has).
 * A call longer than {@link #LONG_CALL_SECONDS} is its own warm-up and needs one quiet sample, as
 * in the peer.
 */
final class GatedTimer {
    private static final double MAX_WAIT_SECONDS = 30;
    static final double LONG_CALL_SECONDS = 5;

    private final double sampleSeconds;
    private final int cleanNeeded;
    private final int maxSamples;
    private final double limitSeconds;
    private final double warmupSeconds;

    GatedTimer(double sampleSeconds, int cleanNeeded, int maxSamples, double limitSeconds, double warmupSeconds) {
        this.warmupSeconds = warmupSeconds;
        this.sampleSeconds = sampleSeconds;
        this.cleanNeeded = cleanNeeded;
        this.maxSamples = maxSamples;
        this.limitSeconds = limitSeconds;
    }

    /** {@code --quick}: short samples, 3 quiet ones. */
    static GatedTimer quick() {
        return new GatedTimer(0.3, 3, 6, 20, 1);
    }

    static GatedTimer full() {
        return new GatedTimer(1.0, 5, 15, 120, 3);
    }

    /** Seconds per call, with how they were taken. */
    record Timing(double medianSeconds, double minSeconds, double maxSeconds, int samples, int cleanSamples,
                  int callsPerSample, boolean contended, double[] otherCores, double waitedSeconds,
                  double warmupSeconds) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("median_s", medianSeconds);
            m.put("min_s", minSeconds);
            m.put("max_s", maxSeconds);
            m.put("samples", samples);
            m.put("clean_samples", cleanSamples);
            m.put("calls_per_sample", callsPerSample);
            m.put("contended", contended);
            m.put("other_cores_per_sample", otherCores);
            m.put("waited_s", waitedSeconds);
            m.put("warmup_s", warmupSeconds);
            return m;
        }
    }

    Timing time(Runnable call) {
        long w0 = System.nanoTime();
        double last = 0;
        for (int calls = 0; calls < 1 || calls < 3 && (System.nanoTime() - w0) / 1e9 < warmupSeconds; calls++) {
            long c0 = System.nanoTime();
            call.run();
            last = (System.nanoTime() - c0) / 1e9;
        }
        double warmup = (System.nanoTime() - w0) / 1e9;
        int inner = (int) Math.max(1, Math.floor(sampleSeconds / Math.max(last, 1e-9)));
        int cleanNeeded = last > LONG_CALL_SECONDS ? 1 : this.cleanNeeded;
        int maxSamples = last > LONG_CALL_SECONDS ? 3 : this.maxSamples;
        Samples samples = new Samples();
        do {
            samples.take(inner, () -> {
                for (int i = 0; i < inner; i++) {
                    call.run();
                }
            });
        } while (samples.clean.size() < cleanNeeded && samples.perCall.size() < maxSamples
                && samples.elapsed() <= limitSeconds);
        return samples.timing(inner, cleanNeeded, warmup);
    }

    /**
     * Times each of {@code count} calls once ({@code call.accept(i)}, every one runs), after
     * {@code warmup}: waits for a quiet machine after a contended call while the time limit lasts;
     * contended when fewer than {@code min(cleanNeeded, count)} calls were quiet.
     */
    Timing timeEach(int count, IntConsumer call, Runnable warmup) {
        long w0 = System.nanoTime();
        warmup.run();
        double warmupSeconds = (System.nanoTime() - w0) / 1e9;
        Samples samples = new Samples();
        for (int i = 0; i < count; i++) {
            int index = i;
            samples.take(1, () -> call.accept(index));
        }
        return samples.timing(1, Math.min(cleanNeeded, count), warmupSeconds);
    }

    /** Samples as they are taken; before one that follows a contended sample, waits for a quiet machine. */
    private final class Samples {
        final List<Double> perCall = new ArrayList<>();
        final List<Double> others = new ArrayList<>();
        final List<Double> clean = new ArrayList<>();
        final long start = System.nanoTime();
        double waited;
        boolean previousQuiet;

        double elapsed() {
            return (System.nanoTime() - start) / 1e9;
        }

        /** Times {@code body}, which makes {@code calls} calls, as one sample. */
        void take(int calls, Runnable body) {
            if (!previousQuiet) {
                waited += CpuMeter.waitQuiet(Math.min(MAX_WAIT_SECONDS, Math.max(0, limitSeconds - elapsed())));
            }
            CpuMeter m = CpuMeter.start();
            body.run();
            CpuMeter.Sample s = m.stop();
            double seconds = s.wallSeconds() / calls;
            perCall.add(seconds);
            others.add(s.otherCores());
            previousQuiet = s.quiet();
            if (previousQuiet) {
                clean.add(seconds);
            }
        }

        /** The median over quiet samples (over all when none was quiet). */
        Timing timing(int callsPerSample, int cleanNeeded, double warmupSeconds) {
            double[] all = toArray(perCall);
            double[] use = clean.isEmpty() ? all : toArray(clean);
            return new Timing(median(use), Arrays.stream(all).min().orElseThrow(),
                    Arrays.stream(all).max().orElseThrow(), all.length, clean.size(), callsPerSample,
                    clean.size() < cleanNeeded, toArray(others), waited, warmupSeconds);
        }

        private static double[] toArray(List<Double> v) {
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
