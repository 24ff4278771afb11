package org.robust4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void checkArgumentFormatsOnlyOnFailure() {
        Object exploding = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("formatted although the check passed");
            }
        };
        assertThatCode(() -> Checks.checkArgument(true, "never %s", exploding)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Checks.checkArgument(false, "matmul: %s @ %s", "[2, 3]", "[4, 5]"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: [2, 3] @ [4, 5]");
    }

    @Test
    void checkStateThrowsIllegalState() {
        assertThatCode(() -> Checks.checkState(true, "fine")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Checks.checkState(false, "closed: %s", "x"))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("closed: x");
    }

    @Test
    void checkNotNullNamesTheValue() {
        assertThat(Checks.checkNotNull("v", "name")).isEqualTo("v");
        assertThatThrownBy(() -> Checks.checkNotNull(null, "backend"))
                .isInstanceOf(NullPointerException.class).hasMessage("backend must not be null");
    }

    @Test
    void checkAxisNormalisesNegativeAxes() {
        assertThat(Checks.checkAxis(0, 3, "op")).isZero();
        assertThat(Checks.checkAxis(2, 3, "op")).isEqualTo(2);
        assertThat(Checks.checkAxis(-1, 3, "op")).isEqualTo(2);
        assertThat(Checks.checkAxis(-3, 3, "op")).isZero();
        assertThatThrownBy(() -> Checks.checkAxis(3, 3, "sum"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sum: axis 3 is out of range for a tensor of rank 3");
        assertThatThrownBy(() -> Checks.checkAxis(-4, 3, "sum")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checks.checkAxis(0, 0, "sum")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatHandlesMissingAndExtraArguments() {
        assertThat(Checks.format("a %s b %s", 1, 2)).isEqualTo("a 1 b 2");
        assertThat(Checks.format("a %s b %s", 1)).isEqualTo("a 1 b %s");
        assertThat(Checks.format("no slots", 1, "x")).isEqualTo("no slots [1, x]");
        assertThat(Checks.format("a %s", 1, 2, 3)).isEqualTo("a 1 [2, 3]");
        assertThat(Checks.format("%s%s", null, "z")).isEqualTo("nullz");
        assertThat(Checks.format("plain")).isEqualTo("plain");
    }
}
