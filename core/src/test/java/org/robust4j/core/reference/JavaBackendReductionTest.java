package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.ReductionConformance;

class JavaBackendReductionTest extends ReductionConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
