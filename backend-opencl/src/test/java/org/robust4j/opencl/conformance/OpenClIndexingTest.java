package org.robust4j.opencl.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.IndexingConformance;
import org.robust4j.opencl.OpenClTestBackends;

/** The conformance kit's indexing tests on the OpenCL backend (FLOAT32 and FLOAT64). */
class OpenClIndexingTest extends IndexingConformance {
    @Override
    protected Backend createBackend() {
        return OpenClTestBackends.create();
    }
}
