package org.robust4j.benchmarks.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wall time of a block and the cores that <em>other</em> processes used meanwhile ({@code /proc/stat}
 * busy time minus this process's CPU time). With 2 compute threads on 2 cores, one foreign busy
 * process halves a timing, so a sample taken while others used more than {@link #QUIET_MAX_OTHER}
 * cores is marked contended (the PyTorch peer applies the same rule).
 */
final class CpuMeter {
    /** At most this many cores used by other processes for a sample to count as quiet. */
    static final double QUIET_MAX_OTHER = 0.15;
    private static final double USER_HZ = 100.0;

    private final long busy0;
    private final long own0;
    private final long t0;

    private CpuMeter() {
        busy0 = busyTicks();
        own0 = ownCpuNanos();
        t0 = System.nanoTime();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** Ends the measurement. */
    Sample stop() {
        double wall = (System.nanoTime() - t0) / 1e9;
        double busy = (busyTicks() - busy0) / USER_HZ;
        double own = (ownCpuNanos() - own0) / 1e9;
        return new Sample(wall, wall > 0 ? Math.max(0, busy - own) / wall : 0);
    }

    /** Wall seconds and the average number of cores other processes used. */
    record Sample(double wallSeconds, double otherCores) {
        boolean quiet() {
            return otherCores <= QUIET_MAX_OTHER;
        }
    }

    /** Sleeps in 0.2 s windows until one is quiet, at most {@code maxWaitSeconds}; returns the seconds waited. */
    static double waitQuiet(double maxWaitSeconds) {
        long t = System.nanoTime();
        while (true) {
            CpuMeter m = start();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return (System.nanoTime() - t) / 1e9;
            }
            double waited = (System.nanoTime() - t) / 1e9;
            if (m.stop().quiet() || waited >= maxWaitSeconds) {
                return waited;
            }
        }
    }

    /** Busy jiffies of all CPUs: user..steal minus idle and iowait (guest time is already in user). */
    private static long busyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                total += Long.parseLong(f[i]);
            }
            return total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
        } catch (IOException | RuntimeException e) {
            return 0;   // no /proc: every sample looks quiet, and the JSON says which machine it was
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
