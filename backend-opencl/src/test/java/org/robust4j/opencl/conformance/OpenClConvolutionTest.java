package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.ConvolutionConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's convolution tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClConvolutionTest extends ConvolutionConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
