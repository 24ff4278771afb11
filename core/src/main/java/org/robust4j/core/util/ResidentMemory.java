package org.robust4j.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident memory as the kernel counts it (Linux {@code /proc/self/status}):
 * everything the process holds in RAM, the Java heap, native libraries and the backends' native
 * buffers together. Backends report only the arrays they hold ({@code backend.memory()}); this is
 * what a run actually cost the machine. Empty on systems without {@code /proc}.
 */
public final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** The largest peak seen before the last {@link #resetPeak()}, in bytes. */
    private static long earlierPeak;

    private ResidentMemory() {}

    /** The resident set now ({@code VmRSS}), in bytes. */
    public static OptionalLong currentBytes() {
        return field("VmRSS:");
    }

    /** The largest resident set since the process started or {@link #resetPeak()} ({@code VmHWM}), in bytes. */
    public static OptionalLong peakBytes() {
        return field("VmHWM:");
    }

    /** {@link #peakBytes()} in MiB, or -1 where the system does not report it. */
    public static long peakMib() {
        OptionalLong b = peakBytes();
        return b.isPresent() ? b.getAsLong() >> 20 : -1;
    }

    /** The largest resident set of the whole process so far, across {@link #resetPeak()}s, in MiB (-1: unknown). */
    public static synchronized long processPeakMib() {
        OptionalLong b = peakBytes();
        return b.isPresent() ? Math.max(earlierPeak, b.getAsLong()) >> 20 : -1;
    }

    /**
     * Starts a new peak from the current resident set (Linux 4.0+: writing 5 to
     * {@code clear_refs}), so one part of a longer process, such as one experiment of
     * {@code run all}, can report its own peak; {@link #processPeakMib()} still knows the
     * process's. Returns whether the system did it.
     */
    public static synchronized boolean resetPeak() {
        OptionalLong b = peakBytes();
        if (b.isEmpty()) {
            return false;
        }
        earlierPeak = Math.max(earlierPeak, b.getAsLong());
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
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
