package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.ErrorConformance;

class JavaBackendErrorTest extends ErrorConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
