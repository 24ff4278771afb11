package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.ConvolutionConformance;

class JavaBackendConvolutionTest extends ConvolutionConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
