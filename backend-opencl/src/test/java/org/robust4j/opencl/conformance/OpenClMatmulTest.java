package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.MatmulConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's matmul tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClMatmulTest extends MatmulConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
