package org.robust4j.layers.support;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;

/** One shared default backend for the layer tests. */
public final class Nd4jTestBackend {
    private static Backend backend;

    private Nd4jTestBackend() {}

    public static synchronized Backend get() {
        if (backend == null) {
            backend = Backends.create("nd4j");
        }
        return backend;
    }
}
