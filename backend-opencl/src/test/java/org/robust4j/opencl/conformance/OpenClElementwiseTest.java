package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.ElementwiseConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's elementwise tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClElementwiseTest extends ElementwiseConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
