package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.RandomConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's random tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClRandomTest extends RandomConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
