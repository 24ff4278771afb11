package org.robust4j.certify.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wall time of a block and the cores that <em>other</em> processes used meanwhile (from
 * {@code /proc/stat} minus this process's CPU time), as the peer's {@code common.CpuMeter} does,
 * so a timing taken on a shared machine can be marked contended.
 */
final class CpuMeter {
    static final double QUIET_MAX_OTHER = 0.15;
    private static final double HZ = 100.0;    // USER_HZ on Linux
    private final long[] stat0;
    private final long cpu0;
    private final long t0;
    private double wall;
    private double otherCores;

    private CpuMeter() {
        stat0 = procStat();
        cpu0 = processCpuNanos();
        t0 = System.nanoTime();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    CpuMeter stop() {
        wall = (System.nanoTime() - t0) / 1e9;
        long[] s1 = procStat();
        double own = (processCpuNanos() - cpu0) / 1e9;
        double busy = ((s1[0] - s1[1]) - (stat0[0] - stat0[1])) / HZ;
        otherCores = Math.max(0, busy - own) / wall;
        return this;
    }

    double wallSeconds() {
        return wall;
    }

    double otherCores() {
        return otherCores;
    }

    boolean clean() {
        return otherCores <= QUIET_MAX_OTHER;
    }

    /** Sleeps until other processes use at most {@link #QUIET_MAX_OTHER} cores over 0.2 s, or {@code maxWait} seconds. */
    static double waitQuiet(double maxWaitSeconds) {
        long t0 = System.nanoTime();
        while (true) {
            CpuMeter m = start();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            double waited = (System.nanoTime() - t0) / 1e9;
            if (m.stop().clean() || waited >= maxWaitSeconds) {
                return waited;
            }
        }
    }

    /** {total, idle} jiffies over all CPUs (idle includes iowait). */
    private static long[] procStat() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
