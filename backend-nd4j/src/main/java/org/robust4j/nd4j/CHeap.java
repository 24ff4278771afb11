package org.robust4j.nd4j;

import com.sun.jna.Function;
import com.sun.jna.NativeLong;
import java.util.Optional;

/**
 * Hands memory the C heap holds but no longer uses back to the system: glibc's
 * {@code malloc_trim(0)}, which releases free pages anywhere in the heap, not only at its top.
 * libnd4j allocates through {@code malloc}, and glibc keeps freed chunks below its dynamic mmap
 * threshold (up to 32 MB) for reuse; after a workload of one set of shapes they stay resident
 * until trimmed. Does nothing where there is no glibc (macOS, musl): {@link #available()} says so.
 */
final class CHeap {
    private static final Optional<Function> MALLOC_TRIM = find();

    private CHeap() {}

    private static Optional<Function> find() {
        try {
            return Optional.of(Function.getFunction("c", "malloc_trim"));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean available() {
        return MALLOC_TRIM.isPresent();
    }

    /** Trims the heap; true when glibc released some memory. */
    static boolean trim() {
        return MALLOC_TRIM.map(f -> f.invokeInt(new Object[] {new NativeLong(0)}) != 0).orElse(false);
    }
}
