package org.robust4j.core.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.reference.JavaBackend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/** Properties of the graph engine itself, independent of the backend. */
class AutogradEngineTest {
    private final Backend b = new JavaBackend();

    @Test
    void deepChainsDoNotOverflowTheStack() {
        try (Scope s = Scope.open()) {
            Tensor x = Tensor.ones(b, DType.FLOAT64, 2).requiresGrad(true);
            Tensor y = x;
            for (int i = 0; i < 20_000; i++) {
                y = y.add(1.0);
            }
            Tensor[] g = Autograd.grad(y.sum(), x);
            assertThat(g[0].toDoubleArray()).containsExactly(1.0, 1.0);
        }
    }

    @Test
    void sharedSubexpressionsAccumulateOnce() {
        try (Scope s = Scope.open()) {
            // y = u * u with u = 3x: dy/dx = 18x; the diamond u -> y must be summed, not overwritten
            Tensor x = Tensor.of(b, new double[] {1, -2}).requiresGrad(true);
            Tensor u = x.mul(3.0);
            Tensor y = u.mul(u).add(u.mul(u)).sum();
            Tensor[] g = Autograd.grad(y, x);
            assertThat(g[0].toDoubleArray()).containsExactly(36, -72);
        }
    }

    @Test
    void gradWithRespectToAnIntermediate() {
        try (Scope s = Scope.open()) {
            Tensor x = Tensor.of(b, new double[] {1, 2}).requiresGrad(true);
            Tensor u = x.square();
            Tensor y = u.mul(5.0).sum();
            Tensor[] g = Autograd.grad(y, u, x);
            assertThat(g[0].toDoubleArray()).containsExactly(5, 5);
            assertThat(g[1].toDoubleArray()).containsExactly(10, 20);
        }
    }
}
