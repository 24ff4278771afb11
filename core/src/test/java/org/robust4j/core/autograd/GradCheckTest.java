package org.robust4j.core.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.reference.JavaBackend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/** GradCheck must catch a wrong gradient rule, or the autograd conformance tests prove nothing. */
class GradCheckTest {
    private final Backend b = new JavaBackend();

    private Tensor x() {
        return Tensor.of(b, new double[] {0.3, -1.2, 2.0, 0.7}, 2, 2);
    }

    @Test
    void acceptsACorrectRule() {
        try (Scope s = Scope.open()) {
            GradCheck.Result r = GradCheck.check(t -> t[0].square().mul(t[0].sin()), x());
            assertThat(r.passes(1e-6, 1e-6)).as(r.toString()).isTrue();
            assertThat(r.maxAbsError()).isLessThan(1e-7);
        }
    }

    @Test
    void catchesAWrongRule() {
        try (Scope s = Scope.open()) {
            // d/dx x^2 is 2x; this rule says 3x
            GradCheck.Result r = GradCheck.check(t -> Tensor.result("badSquare", t[0].square().detach().data(),
                    (g, need) -> new Tensor[] {g.mul(t[0]).mul(3.0)}, t[0]), x());
            assertThat(r.passes(1e-4, 1e-4)).as(r.toString()).isFalse();
            assertThat(r.input()).isZero();
            assertThat(r.toString()).contains("analytic");
        }
    }

    @Test
    void catchesAMissingGradientForOneInput() {
        try (Scope s = Scope.open()) {
            Tensor y = Tensor.of(b, new double[] {1.5, -0.5}, 2);
            GradCheck.Result r = GradCheck.check(t -> Tensor.result("noSecondGrad",
                    t[0].mul(t[1]).detach().data(), (g, need) -> new Tensor[] {g.mul(t[1]), null}, t[0], t[1]),
                    Tensor.of(b, new double[] {2.0, 3.0}, 2), y);
            assertThat(r.passes(1e-4, 1e-4)).isFalse();
            assertThat(r.input()).isEqualTo(1);
        }
    }

    @Test
    void keepsRankZeroInputs() {
        try (Scope s = Scope.open()) {
            Tensor scalar = Tensor.wrap(b.fromDoubles(new double[] {0.8}, Shape.scalar()));
            Shape[] seen = new Shape[1];
            GradCheck.Result r = GradCheck.check(t -> {
                seen[0] = t[0].shape();
                return t[0].exp();
            }, scalar);
            assertThat(seen[0]).isEqualTo(Shape.scalar());
            assertThat(r.passes(1e-6, 1e-6)).isTrue();
        }
    }

    @Test
    void worksOnFloat32InputsWithAWideStep() {
        try (Scope s = Scope.open()) {
            Tensor x32 = x().cast(DType.FLOAT32);
            GradCheck.Result r = GradCheck.check(t -> t[0].mul(2.0), 1e-2, x32);
            assertThat(r.passes(1e-3, 1e-3)).as(r.toString()).isTrue();
        }
    }
}
