package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.FftConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's fft tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClFftTest extends FftConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
