package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.MovementConformance;

class JavaBackendMovementTest extends MovementConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
