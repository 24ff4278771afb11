package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.ReductionConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's reduction tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClReductionTest extends ReductionConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
