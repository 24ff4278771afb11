package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.PoolingConformance;

class JavaBackendPoolingTest extends PoolingConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
