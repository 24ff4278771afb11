package org.robust4j.attacks.support;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;

/** One shared default backend for the attack tests. */
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
