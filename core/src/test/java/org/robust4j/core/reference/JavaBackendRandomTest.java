package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.RandomConformance;

class JavaBackendRandomTest extends RandomConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
