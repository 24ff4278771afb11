package org.robust4j.certify;

import org.robust4j.certify.curve.CertifiedSample;
import org.robust4j.core.tensor.Tensor;

/**
 * Any certification method, seen from a driver (the {@code robust4j certify} command, an
 * experiment, a Spark partition): one input without batch axis, its label and its index in the
 * dataset in, one record out. Methods whose randomness derives from the index give the same record
 * whichever driver, shard or order computes it.
 */
@FunctionalInterface
public interface SampleCertifier<R extends CertifiedSample> {

    /** Certifies {@code x}, sample {@code index} of its dataset, with true label {@code label} (-1 if unknown). */
    R certify(Tensor x, int label, long index);
}
