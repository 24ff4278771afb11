package org.robust4j.core.backend;

import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * An opaque handle to an array owned by a {@link Backend}. Only the backend that made it can
 * read it. Handles are closed exactly once, by the {@link org.robust4j.core.tensor.Scope} they
 * were created in, or by hand; several handles may share storage (views), which is freed when
 * the last of them is closed.
 */
public interface NDArray extends AutoCloseable {
    Shape shape();

    DType dtype();

    Backend backend();

    boolean isClosed();

    /** Releases this handle. Idempotent. */
    @Override
    void close();
}
