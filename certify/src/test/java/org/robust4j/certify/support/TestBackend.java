package org.robust4j.certify.support;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;

/** One shared CPU backend for the certification tests. */
public final class TestBackend {
    private static Backend backend;

    private TestBackend() {}

    public static synchronized Backend get() {
        if (backend == null) {
            backend = Backends.create("nd4j");
        }
        return backend;
    }
}
