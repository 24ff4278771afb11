package org.robust4j.nd4j;

import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One off-heap buffer (a root {@link INDArray}) shared by the handles that view it. Each handle
 * holds one reference; when the last is released the buffer goes back to the pool.
 */
final class Storage {
    private final INDArray root;
    private final Nd4jBackend backend;
    private final long bytes;
    private final AtomicInteger refs = new AtomicInteger();

    Storage(Nd4jBackend backend, INDArray root) {
        this.backend = backend;
        this.root = root;
        this.bytes = backend.heldBytes(root);
        backend.onAllocate(bytes);
    }

    void retain() {
        refs.incrementAndGet();
        backend.onHandle(1);
    }

    /** Called once per handle, from close() or from the cleaner thread for a forgotten handle. */
    void release() {
        backend.onHandle(-1);
        if (refs.decrementAndGet() == 0) {
            backend.onRelease(root, bytes);
        }
    }
}
