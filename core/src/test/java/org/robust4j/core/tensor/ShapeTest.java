package org.robust4j.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void basics() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.rank()).isEqualTo(3);
        assertThat(s.size()).isEqualTo(24);
        assertThat(s.sizeAsInt()).isEqualTo(24);
        assertThat(s.dim(0)).isEqualTo(2);
        assertThat(s.dim(-1)).isEqualTo(4);
        assertThat(s.dim(-3)).isEqualTo(2);
        assertThat(s.toArray()).containsExactly(2, 3, 4);
        assertThat(s.toLongArray()).containsExactly(2L, 3L, 4L);
        assertThat(s.strides()).containsExactly(12L, 4L, 1L);
        assertThat(s).hasToString("[2, 3, 4]");
    }

    @Test
    void scalarAndEmpty() {
        assertThat(Shape.scalar().rank()).isZero();
        assertThat(Shape.scalar().size()).isEqualTo(1);
        assertThat(Shape.of()).isEqualTo(Shape.scalar());
        assertThat(Shape.of(new long[0])).isEqualTo(Shape.scalar());
        assertThat(Shape.of(3, 0, 2).size()).isZero();
        assertThat(Shape.of(3, 0, 2).strides()).containsExactly(0L, 2L, 1L);
    }

    @Test
    void isImmutable() {
        int[] d = {2, 3};
        Shape s = Shape.of(d);
        d[0] = 9;
        s.toArray()[1] = 9;
        assertThat(s).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void equalityAndHash() {
        assertThat(Shape.of(2, 3)).isEqualTo(Shape.of(2L, 3L)).hasSameHashCodeAs(Shape.of(2, 3));
        assertThat(Shape.of(2, 3)).isNotEqualTo(Shape.of(3, 2)).isNotEqualTo(Shape.of(2, 3, 1));
        assertThat(Shape.scalar().append()).isEqualTo(Shape.scalar());
    }

    @Test
    void derivedShapes() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.with(1, 7)).isEqualTo(Shape.of(2, 7, 4));
        assertThat(s.with(-1, 0)).isEqualTo(Shape.of(2, 3, 0));
        assertThat(s.sub(1, 3)).isEqualTo(Shape.of(3, 4));
        assertThat(s.sub(0, 0)).isEqualTo(Shape.scalar());
        assertThat(s.append(5, 6)).isEqualTo(Shape.of(2, 3, 4, 5, 6));
        assertThat(Shape.scalar().append(1)).isEqualTo(Shape.of(1));
    }

    @Test
    void rejectsBadDimensions() {
        assertThatThrownBy(() -> Shape.of(2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative").hasMessageContaining("[2, -1]");
        assertThatThrownBy(() -> Shape.of(3L, 1L << 40)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> Shape.of(1 << 20, 1 << 20).sizeAsInt()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too many elements");
        assertThatThrownBy(() -> Shape.of(2, 3).dim(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis 2").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Shape.of(2, 3).dim(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Shape.of(1 << 20, 1 << 20).size()).isEqualTo(1L << 40);
    }

    @Test
    void broadcastFollowsNumpy() {
        assertThat(Shape.broadcast("op", Shape.of(2, 3), Shape.of(2, 3))).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.broadcast("op", Shape.of(2, 3), Shape.of(3))).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.broadcast("op", Shape.of(3), Shape.of(2, 3))).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.broadcast("op", Shape.of(2, 1), Shape.of(1, 3))).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.broadcast("op", Shape.of(4, 1, 3), Shape.of(2, 1))).isEqualTo(Shape.of(4, 2, 3));
        assertThat(Shape.broadcast("op", Shape.scalar(), Shape.of(2, 3))).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.broadcast("op", Shape.of(2, 3), Shape.scalar())).isEqualTo(Shape.of(2, 3));
        assertThat(Shape.broadcast("op", Shape.of(0, 1), Shape.of(1, 3))).isEqualTo(Shape.of(0, 3));
        assertThat(Shape.broadcast("op", Shape.of(1), Shape.of(0))).isEqualTo(Shape.of(0));
        assertThat(Shape.broadcast("op", Shape.of(1, 1), Shape.of(1))).isEqualTo(Shape.of(1, 1));
    }

    @Test
    void broadcastMismatchNamesTheOpBothShapesAndTheDimension() {
        assertThatThrownBy(() -> Shape.broadcast("add", Shape.of(2, 3), Shape.of(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("add", "[2, 3]", "[4]", "dimension 1", "3 vs 4");
        assertThatThrownBy(() -> Shape.broadcast("mul", Shape.of(0), Shape.of(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("mul", "[0]", "[2]");
    }

    @Test
    void broadcastsTo() {
        assertThat(Shape.of(3).broadcastsTo(Shape.of(2, 3))).isTrue();
        assertThat(Shape.of(2, 1).broadcastsTo(Shape.of(2, 3))).isTrue();
        assertThat(Shape.scalar().broadcastsTo(Shape.of(2, 3))).isTrue();
        assertThat(Shape.of(1, 1).broadcastsTo(Shape.of(0, 5))).isTrue();
        assertThat(Shape.of(2, 3).broadcastsTo(Shape.of(3))).isFalse();
        assertThat(Shape.of(2, 3).broadcastsTo(Shape.of(2, 1))).as("only the source may have ones").isFalse();
        assertThat(Shape.of(4).broadcastsTo(Shape.of(2, 3))).isFalse();
    }
}
