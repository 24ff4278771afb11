package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.AutogradConformance;

class JavaBackendAutogradTest extends AutogradConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
