package org.robust4j.nd4j.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.MemoryConformance;
import org.robust4j.nd4j.Nd4jBackend;

/** The conformance kit's memory tests on the ND4J backend. */
class Nd4jMemoryTest extends MemoryConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackend(256L << 20);
    }
}
