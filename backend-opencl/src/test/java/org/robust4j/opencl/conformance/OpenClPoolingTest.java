package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.PoolingConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's pooling tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClPoolingTest extends PoolingConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
