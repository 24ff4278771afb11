package org.robust4j.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident memory as the kernel counts it (Linux {@code /proc/self/status}):
 * everything the process holds in RAM, the Java heap, native libraries and the backends' native
 * buffers together. Backends report only the arrays they hold ({@code backend.memory()}); this is
 * what a run actually cost the machine, the figure {@code /usr/bin/time -v} reports as "maximum
 * resident set size". Empty on systems without {@code /proc}.
 */
public final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {}

    /** The resident set now ({@code VmRSS}), in bytes. */
    public static OptionalLong currentBytes() {
        return field("VmRSS:");
    }

    /** The largest resident set since the process started ({@code VmHWM}), in bytes. */
    public static OptionalLong peakBytes() {
        return field("VmHWM:");
    }

    /** {@link #peakBytes()} in MiB, or -1 where the system does not report it. */
    public static long peakMib() {
        OptionalLong b = peakBytes();
        return b.isPresent() ? b.getAsLong() >> 20 : -1;
    }

    /** Starts watching the peak of one stretch of the process (one experiment of {@code run all}). */
    public static Watch watch() {
        return new Watch(100);
    }

    /**
     * The peak resident set over a stretch of the process. Exact when the stretch set the
     * process's record ({@code VmHWM} grew during it: the kernel's peak is then this stretch's);
     * otherwise the largest of samples taken every {@code intervalMillis}, which can miss a
     * short spike. The kernel's own peak is never reset, so {@code /usr/bin/time -v} stays right.
     */
    public static final class Watch implements AutoCloseable {
        private final long peakAtStart;
        private final Thread sampler;
        private volatile long maxSample;
        private volatile boolean running = true;

        Watch(long intervalMillis) {
            peakAtStart = peakBytes().orElse(-1);
            maxSample = currentBytes().orElse(-1);
            sampler = new Thread(() -> {
                while (running) {
                    long now = currentBytes().orElse(-1);
                    if (now > maxSample) {
                        maxSample = now;
                    }
                    try {
                        Thread.sleep(intervalMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "robust4j-resident-memory");
            sampler.setDaemon(true);
            if (peakAtStart >= 0) {
                sampler.start();
            }
        }

        /** The stretch's peak so far in MiB, or -1 where the system does not report it. */
        public long peakMib() {
            long peakNow = peakBytes().orElse(-1);
            if (peakNow < 0) {
                return -1;
            }
            long sampled = Math.max(maxSample, currentBytes().orElse(-1));
            return (peakNow > peakAtStart ? peakNow : sampled) >> 20;
        }

        @Override
        public void close() {
            running = false;
            sampler.interrupt();
        }
    }

    private static OptionalLong field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    // "VmRSS:	  123456 kB"
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
