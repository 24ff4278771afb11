package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.Pool2dSpec;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Bad input through the frontend fails before reaching the backend, with an
 * {@link IllegalArgumentException} that names the op and the shapes involved.
 */
public abstract class ErrorConformance extends ConformanceBase {

    private Tensor t(DType dt, int... shape) {
        return Tensor.zeros(backend, dt, shape);
    }

    private Tensor t(int... shape) {
        return t(DType.FLOAT32, shape);
    }

    @Test
    public void matmulInnerDimensionMismatch() {
        assertThatThrownBy(() -> t(2, 3).matmul(t(4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("matmul", "[2, 3]", "[4, 5]");
        assertThatThrownBy(() -> t(2, 3).matmul(t(2, 5), true, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("matmul", "[2, 3]", "[2, 5]");
        assertThatThrownBy(() -> t(2, 2, 3).matmul(t(3, 3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("matmul", "[2, 2, 3]", "[3, 3, 4]");
    }

    @Test
    public void broadcastMismatch() {
        assertThatThrownBy(() -> t(2, 3).add(t(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("add", "[2, 3]", "[4]");
        assertThatThrownBy(() -> t(2, 3).mul(t(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("mul", "[2, 3]", "[3, 2]");
        assertThatThrownBy(() -> Tensor.where(t(2), t(3), t(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("where", "[2]", "[3]");
        assertThatThrownBy(() -> t(2, 3).expand(4, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("expand", "[2, 3]", "[4, 3]");
    }

    @Test
    public void convolutionChannelMismatch() {
        assertThatThrownBy(() -> t(1, 3, 5, 5).conv2d(t(2, 4, 3, 3), Conv2dSpec.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("conv2d", "[1, 3, 5, 5]", "[2, 4, 3, 3]");
        assertThatThrownBy(() -> t(1, 3, 5, 5).conv2d(t(2, 1, 3, 3), Conv2dSpec.of(1, 0).withGroups(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("conv2d", "[1, 3, 5, 5]", "[2, 1, 3, 3]");
        assertThatThrownBy(() -> t(1, 2, 2, 2).conv2d(t(2, 2, 3, 3), Conv2dSpec.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("conv2d", "[1, 2, 2, 2]", "[2, 2, 3, 3]");
        assertThatThrownBy(() -> t(3, 5, 5).conv2d(t(2, 3, 3, 3), Conv2dSpec.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("conv2d", "[3, 5, 5]");
        assertThatThrownBy(() -> t(1, 2, 5, 5).conv2dWeightGrad(t(1, 3, 4, 4), Shape.of(3, 2, 3, 3),
                Conv2dSpec.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("conv2dWeightGrad", "[1, 3, 4, 4]", "[1, 3, 3, 3]");
        assertThatThrownBy(() -> t(1, 1, 2, 2).maxPool2d(Pool2dSpec.of(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("maxPool2d", "[1, 1, 2, 2]");
    }

    @Test
    public void dtypeMismatch() {
        assertThatThrownBy(() -> t(DType.FLOAT32, 2, 3).add(t(DType.FLOAT64, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("add", "FLOAT32", "FLOAT64", "[2, 3]");
        assertThatThrownBy(() -> t(DType.FLOAT32, 2, 3).matmul(t(DType.FLOAT64, 3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("matmul", "FLOAT32", "FLOAT64");
        assertThatThrownBy(() -> t(DType.INT64, 2).requiresGrad(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INT64");
    }

    @Test
    public void shapeErrorsOfMovementOps() {
        assertThatThrownBy(() -> t(2, 3).reshape(4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("reshape", "[2, 3]", "[4, 2]");
        assertThatThrownBy(() -> Tensor.cat(List.of(t(2, 3), t(3, 3)), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("cat", "[2, 3]", "[3, 3]");
        assertThatThrownBy(() -> t(2, 3).permute(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permute");
        assertThatThrownBy(() -> t(2, 3).sum(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("sum", "axis 2");
        assertThatThrownBy(() -> t(4, 3).gather(0, Tensor.ofLongs(backend, new long[] {4})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("gather", "4");
    }
}
