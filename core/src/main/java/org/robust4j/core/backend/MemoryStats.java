package org.robust4j.core.backend;

/**
 * What a backend holds: arrays handed out and not yet released, and buffers it keeps for reuse.
 * A loop that releases what it allocates leaves {@code liveArrays} and {@code liveBytes} unchanged.
 */
public record MemoryStats(long liveArrays, long liveBytes, long pooledBytes) {
}
