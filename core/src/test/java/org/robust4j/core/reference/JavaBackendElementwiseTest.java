package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.ElementwiseConformance;

class JavaBackendElementwiseTest extends ElementwiseConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
