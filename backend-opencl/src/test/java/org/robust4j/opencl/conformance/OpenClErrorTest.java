package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.ErrorConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's error tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClErrorTest extends ErrorConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
