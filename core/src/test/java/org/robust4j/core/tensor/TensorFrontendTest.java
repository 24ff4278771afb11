package org.robust4j.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.reference.JavaBackend;

/**
 * Frontend behaviour that is the same on every backend (argument handling, shapes of results,
 * convenience constructors), checked once on the reference backend. Values of the ops themselves
 * are the conformance kit's job.
 */
class TensorFrontendTest {
    private final Backend b = new JavaBackend();
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
        assertThat(b.memory().liveArrays()).isZero();
    }

    private Tensor range(int... shape) {
        int n = Shape.of(shape).sizeAsInt();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return Tensor.of(b, v, shape);
    }

    @Test
    void constructors() {
        assertThat(Tensor.of(b, new double[] {1, 2, 3}).shape()).as("no shape: a vector").isEqualTo(Shape.of(3));
        assertThat(Tensor.of(b, new float[] {1, 2, 3, 4}, 2, 2).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.ofInts(b, new int[] {1, 2}).dtype()).isEqualTo(DType.INT32);
        assertThat(Tensor.scalar(b, 2.5, DType.FLOAT64).shape()).isEqualTo(Shape.scalar());
        assertThat(Tensor.scalar(b, 2.5, DType.FLOAT64).item()).isEqualTo(2.5);
        assertThat(Tensor.arange(b, 4).toLongArray()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.eye(b, DType.FLOAT32, 3).toDoubleArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(Tensor.eye(b, DType.FLOAT64, 2).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.ones(b, DType.FLOAT64, 2, 2).toDoubleArray()).containsOnly(1.0);
        assertThat(Tensor.zerosLike(range(2, 3)).shape()).isEqualTo(Shape.of(2, 3));
        assertThatThrownBy(() -> Tensor.of(b, new double[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("of", "3", "[2, 2]");
        assertThatThrownBy(() -> range(2).item()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item");
    }

    @Test
    void sliceClipsLikePython() {
        Tensor x = range(6);
        assertThat(x.slice(0, -2, 100).toDoubleArray()).containsExactly(4, 5);
        assertThat(x.slice(0, 1, -1, 2).toDoubleArray()).containsExactly(1, 3);
        assertThat(x.slice(0, 4, 2).size()).as("end before start: empty").isZero();
        assertThat(x.slice(0, -100, 2).toDoubleArray()).containsExactly(0, 1);
        assertThat(x.slice(0, 0, 6)).as("the whole axis is the tensor itself").isSameAs(x);
        assertThatThrownBy(() -> x.slice(0, 0, 2, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
        assertThat(range(3, 4).select(1, -1).toDoubleArray()).containsExactly(3, 7, 11);
        assertThat(range(3, 4).narrow(0, 1, 2).shape()).isEqualTo(Shape.of(2, 4));
        assertThatThrownBy(() -> range(3, 4).narrow(0, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("narrow", "[3, 4]");
        assertThatThrownBy(() -> range(3, 4).select(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("select", "[3, 4]");
    }

    @Test
    void shapesOfMovementOps() {
        Tensor x = range(2, 3, 4);
        assertThat(x.reshape(-1, 4).shape()).isEqualTo(Shape.of(6, 4));
        assertThat(x.flatten(1).shape()).isEqualTo(Shape.of(2, 12));
        assertThat(x.flatten().shape()).isEqualTo(Shape.of(24));
        assertThat(range(2, 0, 3).flatten(1).shape()).isEqualTo(Shape.of(2, 0));
        assertThat(x.unsqueeze(-1).shape()).isEqualTo(Shape.of(2, 3, 4, 1));
        assertThat(x.unsqueeze(0).squeeze(0).shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(x.transpose(0, -1).shape()).isEqualTo(Shape.of(4, 3, 2));
        assertThat(x.mT().shape()).isEqualTo(Shape.of(2, 4, 3));
        assertThat(x.permute(0, 1, 2)).isSameAs(x);
        assertThat(Tensor.stack(List.of(range(2, 3), range(2, 3)), 1).shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(Tensor.stack(List.of(range(2, 3), range(2, 3)), -1).shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(range(2, 3).expand(4, 2, 3).shape()).isEqualTo(Shape.of(4, 2, 3));
        assertThatThrownBy(() -> x.reshape(-1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.squeeze(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("squeeze");
        assertThatThrownBy(() -> x.unsqueeze(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matmulPromotesVectorsLikeNumpy() {
        Tensor m = range(3, 4);
        Tensor v = range(4);
        assertThat(v.matmul(v).shape()).as("vector @ vector").isEqualTo(Shape.scalar());
        assertThat(v.matmul(v).item()).isEqualTo(0 + 1 + 4 + 9);
        assertThat(m.matmul(v).shape()).isEqualTo(Shape.of(3));
        assertThat(range(3).matmul(m).shape()).isEqualTo(Shape.of(4));
        assertThat(range(3).matmul(range(2, 3, 5)).shape()).isEqualTo(Shape.of(2, 5));
        assertThat(range(2, 3, 4).matmul(v).shape()).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void reductionsShapes() {
        Tensor x = range(2, 3, 4);
        assertThat(x.sum().shape()).isEqualTo(Shape.scalar());
        assertThat(x.sum(-1).shape()).isEqualTo(Shape.of(2, 3));
        assertThat(x.mean(new int[] {0, 2}, true).shape()).isEqualTo(Shape.of(1, 3, 1));
        assertThat(x.max(1).shape()).isEqualTo(Shape.of(2, 4));
        assertThat(x.argMax(-1).shape()).isEqualTo(Shape.of(2, 3));
        assertThat(x.argMax(-1).dtype()).isEqualTo(DType.INT64);
        Tensor scalar = Tensor.scalar(b, -0.5, DType.FLOAT64);
        assertThat(scalar.logSumExp(new int[0], false).item()).as("logSumExp of a rank-0 tensor").isEqualTo(-0.5);
        assertThat(scalar.sum().item()).isEqualTo(-0.5);
        assertThat(x.sumTo(Shape.of(3, 1)).shape()).isEqualTo(Shape.of(3, 1));
        assertThat(x.sumTo(Shape.of(3, 1)).toDoubleArray()).containsExactly(
                sumOf(x, 0), sumOf(x, 1), sumOf(x, 2));
        assertThatThrownBy(() -> x.sum(1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> range(0, 3).max()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    private static double sumOf(Tensor x, int row) {
        double s = 0;
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if ((i / 4) % 3 == row) {
                s += v[i];
            }
        }
        return s;
    }

    @Test
    void inPlaceUpdatesAndGradients() {
        Tensor p = Tensor.zeros(b, DType.FLOAT64, 2, 3);
        p.fill(1.5);
        assertThat(p.toDoubleArray()).containsOnly(1.5);
        p.assign(range(3));
        assertThat(p.toDoubleArray()).containsExactly(0, 1, 2, 0, 1, 2);
        p.applyInPlace(BinaryOp.MUL, Tensor.full(b, DType.FLOAT64, 2, 2, 1));
        assertThat(p.toDoubleArray()).containsExactly(0, 2, 4, 0, 2, 4);
        assertThatThrownBy(() -> p.assign(range(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("assign", "[2]", "[2, 3]");
        assertThatThrownBy(() -> p.setGrad(range(3))).isInstanceOf(IllegalArgumentException.class);
        Tensor g = range(2, 3);
        p.setGrad(g);
        assertThat(p.grad()).isSameAs(g);
        p.setGrad(null);
        Tensor leaf = range(2).requiresGrad(true);
        Tensor derived = leaf.mul(2.0);
        assertThat(derived.isLeaf()).isFalse();
        assertThat(derived.gradFn().op()).isEqualTo("mul");
        assertThatThrownBy(() -> derived.requiresGrad(false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaf");
    }

    @Test
    void indexChecks() {
        Tensor x = range(3, 2);
        assertThatThrownBy(() -> x.gather(0, Tensor.ofLongs(b, new long[] {-1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("gather", "-1");
        assertThatThrownBy(() -> x.gather(0, range(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("gather", "integer");
        assertThatThrownBy(() -> x.scatterAdd(0, Tensor.ofLongs(b, new long[] {0, 1}), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scatterAdd");
        assertThatThrownBy(() -> x.oneHot(3, DType.FLOAT32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oneHot");
        assertThat(Tensor.ofLongs(b, new long[] {2, 0}).oneHot(3, DType.FLOAT32).shape()).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void toStringShowsShapeTypeAndSmallValues() {
        Tensor x = range(2, 2);
        assertThat(x.toString()).contains("[2, 2]").contains("FLOAT64").contains("[0.0, 1.0, 2.0, 3.0]");
        assertThat(x.requiresGrad(true).mul(2.0).toString()).contains("grad_fn=mulBackward");
        Tensor closed = range(1);
        closed.close();
        assertThat(closed.toString()).contains("released");
        assertThatThrownBy(closed::toDoubleArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }
}
