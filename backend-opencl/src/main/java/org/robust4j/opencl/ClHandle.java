package org.robust4j.opencl;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OpenCL object (context, queue, program, kernel, buffer) released exactly once: releasing a
 * handle twice can crash the JVM inside the driver, so {@link #close()} is idempotent and
 * thread-safe, and using a closed handle fails in Java instead of in native code.
 */
abstract class ClHandle implements AutoCloseable {
    private final String what;
    private final AtomicBoolean released = new AtomicBoolean();

    ClHandle(String what) {
        this.what = what;
    }

    /** Calls the matching {@code clRelease*} once. */
    protected abstract void release();

    final boolean isClosed() {
        return released.get();
    }

    final void checkOpen() {
        if (released.get()) {
            throw new IllegalStateException("opencl: " + what + " was already released");
        }
    }

    @Override
    public final void close() {
        if (released.compareAndSet(false, true)) {
            release();
        }
    }

    @Override
    public String toString() {
        return what + (released.get() ? " (released)" : "");
    }
}
