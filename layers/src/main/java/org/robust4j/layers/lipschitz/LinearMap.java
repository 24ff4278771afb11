package org.robust4j.layers.lipschitz;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/** A linear map given by how it acts, with its adjoint: what power iteration needs. */
public interface LinearMap {

    /** Where the map's weights live. */
    Backend backend();

    /** The dtype of its arithmetic. */
    DType dtype();

    /** Shape of one input (what {@link #apply} takes). */
    Shape inputShape();

    /** {@code A x}. */
    Tensor apply(Tensor x);

    /** {@code A^T y}. */
    Tensor adjoint(Tensor y);
}
