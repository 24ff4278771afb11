package org.robust4j.opencl;

import static org.jocl.CL.*;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Device allocations and the pool of released ones, keyed by byte size. Creating a
 * {@code cl_mem} costs a driver call (and on some drivers a page-in on first use), so the
 * buffers a training step releases are handed back to the next step instead, like ND4J's pool
 * here and PyTorch's caching allocator. The pool holds at most {@code limitBytes}; beyond that
 * released buffers are freed at once. When the device runs out of memory the pool is emptied
 * and the allocation tried again.
 *
 * <p>Also counts what {@link org.robust4j.core.backend.MemoryStats} reports: handles alive and
 * bytes of storage alive (each storage counted once, however many views share it).
 */
final class DeviceMemory implements AutoCloseable {
    private final ClContext cl;
    private final long limitBytes;
    private final Map<Long, ArrayDeque<ClBuffer>> free = new HashMap<>();
    private long pooledBytes;
    private boolean closed;
    private final AtomicLong liveArrays = new AtomicLong();
    private final AtomicLong liveBytes = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong released = new AtomicLong();

    DeviceMemory(ClContext cl, long limitBytes) {
        this.cl = cl;
        this.limitBytes = limitBytes;
    }

    /** A buffer of exactly {@code bytes} (> 0), pooled or new. Its contents are arbitrary. */
    ClBuffer take(long bytes) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("opencl: the backend was closed");
            }
            ArrayDeque<ClBuffer> q = free.get(bytes);
            if (q != null && !q.isEmpty()) {
                pooledBytes -= bytes;
                return q.pop();
            }
        }
        try {
            return allocate(bytes);
        } catch (OpenClException e) {
            if (e.code() != CL_MEM_OBJECT_ALLOCATION_FAILURE && e.code() != CL_OUT_OF_RESOURCES
                    && e.code() != CL_OUT_OF_HOST_MEMORY) {
                throw e;
            }
            clear();
            return allocate(bytes);
        }
    }

    private ClBuffer allocate(long bytes) {
        if (bytes > cl.device.maxAllocBytes()) {
            throw new IllegalArgumentException("opencl: cannot allocate " + bytes + " bytes; the device allows at most "
                    + cl.device.maxAllocBytes() + " bytes in one buffer");
        }
        int[] err = new int[1];
        ClBuffer b = new ClBuffer(Cl.create("clCreateBuffer", err,
                () -> clCreateBuffer(cl.context, CL_MEM_READ_WRITE, bytes, null, err)), bytes);
        created.incrementAndGet();
        return b;
    }

    /** Keeps a buffer nobody uses any more for reuse, or frees it when the pool is full or closed. */
    void giveBack(ClBuffer b) {
        synchronized (this) {
            if (!closed && pooledBytes + b.bytes <= limitBytes) {
                free.computeIfAbsent(b.bytes, k -> new ArrayDeque<>()).push(b);
                pooledBytes += b.bytes;
                return;
            }
        }
        destroy(b);
    }

    private void destroy(ClBuffer b) {
        b.close();
        released.incrementAndGet();
    }

    /** Frees every pooled buffer. */
    void clear() {
        ArrayDeque<ClBuffer> all = new ArrayDeque<>();
        synchronized (this) {
            free.values().forEach(all::addAll);
            free.clear();
            pooledBytes = 0;
        }
        all.forEach(this::destroy);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        clear();
    }

    // ---------------------------------------------------------------- accounting

    void onHandle(int delta) {
        liveArrays.addAndGet(delta);
    }

    void onStorage(long bytesDelta) {
        liveBytes.addAndGet(bytesDelta);
    }

    long liveArrays() {
        return liveArrays.get();
    }

    long liveBytes() {
        return liveBytes.get();
    }

    synchronized long pooledBytes() {
        return pooledBytes;
    }

    /** {@code cl_mem} objects that exist now: created and not yet released (live, in use, or pooled). */
    long deviceBuffers() {
        return created.get() - released.get();
    }

    long limitBytes() {
        return limitBytes;
    }
}
