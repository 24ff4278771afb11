package org.robust4j.core.reference;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.FftConformance;

class JavaBackendFftTest extends FftConformance {
    @Override
    protected Backend createBackend() {
        return new JavaBackend();
    }
}
