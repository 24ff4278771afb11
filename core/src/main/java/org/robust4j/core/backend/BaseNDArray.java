package org.robust4j.core.backend;

import java.lang.ref.Cleaner;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/**
 * Base class for backend arrays: registers the new handle with the current thread's
 * {@link Scope}, and releases it exactly once, either by {@link #close()} or, for a handle
 * nobody closed, when the garbage collector finds it unreachable (a safety net, not the plan).
 */
public abstract class BaseNDArray implements NDArray {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Shape shape;
    private final DType dtype;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;
    /** The scope that will close this handle; managed by {@link Scope}. */
    public Scope owner;

    /**
     * @param release frees this handle's share of the storage. It must not refer to this
     *                object (the cleaner could then never collect it), and may run on any thread.
     */
    protected BaseNDArray(Shape shape, DType dtype, Runnable release) {
        this.shape = shape;
        this.dtype = dtype;
        this.cleanable = CLEANER.register(this, release);
        Scope.track(this);
    }

    @Override
    public final Shape shape() {
        return shape;
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
        }
    }

    /** Fails with a clear message when the handle was already released. */
    public final void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": array " + shape + " " + dtype
                    + " was already released (was it used after the Scope that created it closed?"
                    + " keep it with scope.keep(...))");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + shape + dtype + (closed ? "(closed)" : "");
    }
}
