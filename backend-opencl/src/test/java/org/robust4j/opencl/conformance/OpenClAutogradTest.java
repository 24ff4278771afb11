package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.AutogradConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's autograd tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClAutogradTest extends AutogradConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
