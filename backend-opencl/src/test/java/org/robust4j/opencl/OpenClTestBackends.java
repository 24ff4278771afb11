package org.robust4j.opencl;

import org.robust4j.core.testing.OptionalComponent;

/**
 * Backends for this module's tests. Without an OpenCL driver the tests are skipped, naming the
 * packages to install, except where {@code ROBUST4J_REQUIRE} promises a driver (as
 * {@code .ci/run} does after installing PoCL): there a missing driver fails them.
 */
public final class OpenClTestBackends {
    private OpenClTestBackends() {}

    /** A backend on the default device. */
    public static OpenClBackend create() {
        return create(OpenClOptions.defaults());
    }

    public static OpenClBackend create(OpenClOptions options) {
        assumeAvailable();
        return new OpenClBackend(options);
    }

    /** Skips the calling test (or fails it where a driver is required) when OpenCL cannot run here. */
    public static void assumeAvailable() {
        String why = OpenClProvider.probe().orElse(null);
        if (why == null) {
            return;
        }
        OptionalComponent.OPENCL.assume(why);
    }
}
