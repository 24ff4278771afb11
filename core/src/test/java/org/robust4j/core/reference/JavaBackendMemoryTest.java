package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.MemoryConformance;

class JavaBackendMemoryTest extends MemoryConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
