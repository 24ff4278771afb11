package org.robust4j.core.tensor;

import java.util.ArrayList;
import java.util.function.Supplier;
import org.robust4j.core.backend.BaseNDArray;
import org.robust4j.core.backend.NDArray;

/**
 * Deterministic release of native and device memory. Every array created on this thread while
 * a scope is open belongs to the innermost open scope and is released when the scope closes,
 * unless it was {@linkplain #keep(Tensor) kept}, which hands it to the enclosing scope (or to
 * nobody, when this is the outermost scope).
 *
 * <pre>{@code
 * for (Batch b : loader) {
 *     try (Scope s = Scope.open()) {       // everything the step allocates dies here
 *         Tensor loss = model.forward(b.x()).crossEntropy(b.y());
 *         loss.backward();
 *         optimizer.step();
 *     }
 * }
 * }</pre>
 *
 * Scopes are thread-confined and strictly nested. Parameters, gradients and optimizer state
 * live outside scopes ({@link #untracked(Supplier)}).
 */
public final class Scope implements AutoCloseable {
    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<Integer> UNTRACKED = ThreadLocal.withInitial(() -> 0);

    private final Scope parent;
    private final Thread thread;
    private final ArrayList<BaseNDArray> arrays = new ArrayList<>();
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
        this.thread = Thread.currentThread();
    }

    /** Opens a scope nested in the current one. */
    public static Scope open() {
        Scope s = new Scope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** The innermost open scope of this thread, or null. */
    public static Scope current() {
        return CURRENT.get();
    }

    /** Called by {@link BaseNDArray}'s constructor: the new array joins the current scope. */
    public static void track(NDArray array) {
        if (!(array instanceof BaseNDArray a) || UNTRACKED.get() > 0) {
            return;
        }
        Scope s = CURRENT.get();
        if (s != null) {
            a.owner = s;
            s.arrays.add(a);
        }
    }

    /**
     * Runs {@code body} so that the arrays it creates belong to no scope: for parameters,
     * gradients, optimizer state and caches that must outlive the step that creates them.
     */
    public static <T> T untracked(Supplier<T> body) {
        UNTRACKED.set(UNTRACKED.get() + 1);
        try {
            return body.get();
        } finally {
            UNTRACKED.set(UNTRACKED.get() - 1);
        }
    }

    /** Hands {@code t}'s array to the enclosing scope (or to nobody) and returns {@code t}. */
    public <T extends Tensor> T keep(T t) {
        keep(t.data());
        return t;
    }

    /** Hands {@code array} to the enclosing scope (or to nobody) and returns it. */
    public NDArray keep(NDArray array) {
        checkThread();
        if (array instanceof BaseNDArray a && a.owner == this) {
            a.owner = parent;
            if (parent != null) {
                parent.arrays.add(a);
            }
        }
        return array;
    }

    /** Number of arrays this scope will release (for tests and diagnostics). */
    public int size() {
        int n = 0;
        for (BaseNDArray a : arrays) {
            if (a.owner == this && !a.isClosed()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkThread();
        if (CURRENT.get() != this) {
            throw new IllegalStateException("scopes must be closed innermost first: an inner scope is still open");
        }
        closed = true;
        CURRENT.set(parent);
        RuntimeException first = null;
        for (BaseNDArray a : arrays) {
            if (a.owner == this) {
                a.owner = null;
                try {
                    a.close();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
        }
        arrays.clear();
        if (first != null) {
            throw first;
        }
    }

    private void checkThread() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("a Scope is confined to the thread that opened it ("
                    + thread.getName() + "), not " + Thread.currentThread().getName());
        }
    }
}
