package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.AllocationConformance;

class JavaBackendAllocationTest extends AllocationConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
