package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.MovementConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's movement tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClMovementTest extends MovementConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
