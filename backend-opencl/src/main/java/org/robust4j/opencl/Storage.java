package org.robust4j.opencl;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device buffer shared by the array handles that view it (reshapes, permutes, slices).
 * Each handle holds one reference; the last release gives the buffer back to the pool. An empty
 * array has a storage without a buffer (OpenCL has no zero-byte buffers).
 */
final class Storage {
    private final DeviceMemory memory;
    private final ClBuffer buffer;
    private final AtomicInteger refs = new AtomicInteger();

    Storage(DeviceMemory memory, ClBuffer buffer) {
        this.memory = memory;
        this.buffer = buffer;
        memory.onStorage(bytes());
    }

    ClBuffer buffer() {
        return buffer;
    }

    long bytes() {
        return buffer == null ? 0 : buffer.bytes;
    }

    void retain() {
        refs.incrementAndGet();
        memory.onHandle(1);
    }

    /** Called once per handle, by close() or by the cleaner thread for a forgotten handle. */
    void release() {
        memory.onHandle(-1);
        if (refs.decrementAndGet() == 0) {
            memory.onStorage(-bytes());
            if (buffer != null) {
                memory.giveBack(buffer);
            }
        }
    }
}
