package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.MemoryConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's memory tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClMemoryTest extends MemoryConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
