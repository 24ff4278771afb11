package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.AllocationConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's allocation tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClAllocationTest extends AllocationConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
