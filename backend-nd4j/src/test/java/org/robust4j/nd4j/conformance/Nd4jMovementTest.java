package org.robust4j.nd4j.conformance;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.conformance.MovementConformance;
import org.robust4j.nd4j.Nd4jBackend;

/** The conformance kit's movement tests on the ND4J backend. */
class Nd4jMovementTest extends MovementConformance {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackend(256L << 20);
    }
}
