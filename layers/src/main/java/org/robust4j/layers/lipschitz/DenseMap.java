package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/** {@code x -> W x} for a weight {@code W [out, in]} and vectors {@code x [in]}. */
public record DenseMap(Tensor weight) implements LinearMap {
    public DenseMap {
        checkArgument(weight.rank() == 2, "DenseMap: weight must be a [out, in] matrix, got %s", weight.shape());
    }

    @Override
    public Backend backend() {
        return weight.backend();
    }

    @Override
    public DType dtype() {
        return weight.dtype();
    }

    @Override
    public Shape inputShape() {
        return Shape.of(weight.dim(1));
    }

    @Override
    public Tensor apply(Tensor x) {
        return weight.matmul(x);
    }

    @Override
    public Tensor adjoint(Tensor y) {
        return weight.matmul(y, true, false);
    }
}
