package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.MatmulConformance;

class JavaBackendMatmulTest extends MatmulConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
