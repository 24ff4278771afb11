package org.robust4j.opencl;

import org.junit.jupiter.api.Assumptions;

/**
 * Backends for this module's tests. Without an OpenCL driver the tests are skipped, except where
 * a driver is promised ({@code CI=true}, as {@code .ci/run} installs PoCL, or
 * {@code -Drobust4j.opencl.required=true}): there a missing driver fails them.
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
        boolean required = "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("robust4j.opencl.required");
        if (required) {
            throw new IllegalStateException("OpenCL is required for these tests but " + why);
        }
        Assumptions.abort("OpenCL is not available: " + why);
    }
}
