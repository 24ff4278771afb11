package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.IndexingConformance;

class JavaBackendIndexingTest extends IndexingConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
