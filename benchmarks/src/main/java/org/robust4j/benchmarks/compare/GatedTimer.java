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
        List<Double> perCall = new ArrayList<>();
        List<Double> others = new ArrayList<>();
        List<Double> clean = new ArrayList<>();
        double waited = 0;
        long start = System.nanoTime();
        boolean previousQuiet = false;
        while (true) {
            if (!previousQuiet) {
                double left = Math.max(0, limitSeconds - (System.nanoTime() - start) / 1e9);
                waited += CpuMeter.waitQuiet(Math.min(MAX_WAIT_SECONDS, left));
            }
            CpuMeter m = CpuMeter.start();
            for (int i = 0; i < inner; i++) {
                call.run();
            }
            CpuMeter.Sample s = m.stop();
            perCall.add(s.wallSeconds() / inner);
            others.add(s.otherCores());
            previousQuiet = s.quiet();
            if (previousQuiet) {
                clean.add(s.wallSeconds() / inner);
            }
            if (clean.size() >= cleanNeeded || perCall.size() >= maxSamples
                    || (System.nanoTime() - start) / 1e9 > limitSeconds) {
                break;
            }
        }
        double[] all = perCall.stream().mapToDouble(Double::doubleValue).toArray();
        double[] use = clean.isEmpty() ? all : clean.stream().mapToDouble(Double::doubleValue).toArray();
        return new Timing(median(use), Arrays.stream(all).min().orElseThrow(), Arrays.stream(all).max().orElseThrow(),
                all.length, clean.size(), inner, clean.size() < cleanNeeded,
                others.stream().mapToDouble(Double::doubleValue).toArray(), waited, warmup);
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
        double[] all = new double[count];
        double[] others = new double[count];
        List<Double> clean = new ArrayList<>();
        double waited = 0;
        long start = System.nanoTime();
        boolean previousQuiet = false;
        for (int i = 0; i < count; i++) {
            if (!previousQuiet) {
                double left = Math.max(0, limitSeconds - (System.nanoTime() - start) / 1e9);
                waited += CpuMeter.waitQuiet(Math.min(MAX_WAIT_SECONDS, left));
            }
            CpuMeter m = CpuMeter.start();
            call.accept(i);
            CpuMeter.Sample s = m.stop();
            all[i] = s.wallSeconds();
            others[i] = s.otherCores();
            previousQuiet = s.quiet();
            if (previousQuiet) {
                clean.add(s.wallSeconds());
            }
        }
        double[] use = clean.isEmpty() ? all : clean.stream().mapToDouble(Double::doubleValue).toArray();
        return new Timing(median(use), Arrays.stream(all).min().orElseThrow(), Arrays.stream(all).max().orElseThrow(),
                count, clean.size(), 1, clean.size() < Math.min(cleanNeeded, count), others, waited, warmupSeconds);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
