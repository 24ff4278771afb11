package org.robust4j.core.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}: the body of a file write. */
@FunctionalInterface
public interface IoConsumer<T> {
    void accept(T value) throws IOException;
}
