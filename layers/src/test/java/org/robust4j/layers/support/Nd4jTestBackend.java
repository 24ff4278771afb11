package org.robust4j.layers.support;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.inject.Robust4j;

/**
 * One shared backend for the layer tests: the configured one ({@code -Drobust4j.backend=opencl}
 * or {@code ROBUST4J_BACKEND} run these tests on another backend), ND4J by default.
 */
public final class Nd4jTestBackend {
    private static Backend backend;

    private Nd4jTestBackend() {}

    public static synchronized Backend get() {
        if (backend == null) {
            backend = Backends.create(Robust4j.backendName(Robust4j.config()));
        }
        return backend;
    }
}
