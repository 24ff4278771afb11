package org.robust4j.core.util;

/**
 * The progress listener of the current thread, for loops deep inside one library call that take
 * no listener argument (the squarings of a spectral-norm estimator, the steps of a power
 * iteration): a command opens a scope around the call, the loop reports to
 * {@link #current()}. Scopes nest; closing one restores the listener before it.
 *
 * <pre>{@code
 * try (ProgressScope s = ProgressScope.open(progress)) {
 *     SpectralNorms.estimate(...);
 * }
 * }</pre>
 */
public final class ProgressScope implements AutoCloseable {
    private static final ThreadLocal<ProgressListener> CURRENT = ThreadLocal.withInitial(() -> ProgressListener.NONE);

    private final ProgressListener previous;
    private boolean closed;

    private ProgressScope(ProgressListener previous) {
        this.previous = previous;
    }

    /** Makes {@code listener} the current thread's until the scope closes. */
    public static ProgressScope open(ProgressListener listener) {
        ProgressScope s = new ProgressScope(CURRENT.get());
        CURRENT.set(Checks.checkNotNull(listener, "listener"));
        return s;
    }

    /** The current thread's listener ({@link ProgressListener#NONE} outside any scope). */
    public static ProgressListener current() {
        return CURRENT.get();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CURRENT.set(previous);
        }
    }
}
