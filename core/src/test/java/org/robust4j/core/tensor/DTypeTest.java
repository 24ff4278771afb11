package org.robust4j.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DTypeTest {

    @Test
    void parsesEveryAliasCaseInsensitively() {
        for (String s : new String[] {"f32", "float32", "float", "F32", " Float32 "}) {
            assertThat(DType.parse(s)).as(s).isEqualTo(DType.FLOAT32);
        }
        for (String s : new String[] {"f64", "float64", "double", "DOUBLE"}) {
            assertThat(DType.parse(s)).as(s).isEqualTo(DType.FLOAT64);
        }
        for (String s : new String[] {"i32", "int32", "int", "INT"}) {
            assertThat(DType.parse(s)).as(s).isEqualTo(DType.INT32);
        }
        for (String s : new String[] {"i64", "int64", "long", "I64"}) {
            assertThat(DType.parse(s)).as(s).isEqualTo(DType.INT64);
        }
    }

    @Test
    void unknownNamesListTheChoices() {
        assertThatThrownBy(() -> DType.parse("bf16")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("bf16", "f32", "f64", "i32", "i64");
        assertThatThrownBy(() -> DType.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void properties() {
        assertThat(DType.FLOAT32.bytes()).isEqualTo(4);
        assertThat(DType.FLOAT64.bytes()).isEqualTo(8);
        assertThat(DType.INT32.bytes()).isEqualTo(4);
        assertThat(DType.INT64.bytes()).isEqualTo(8);
        assertThat(DType.FLOAT32.isFloating()).isTrue();
        assertThat(DType.FLOAT64.isFloating()).isTrue();
        assertThat(DType.INT32.isFloating()).isFalse();
        assertThat(DType.INT64.isFloating()).isFalse();
        assertThat(DType.FLOAT32.safetensorsName()).isEqualTo("F32");
        assertThat(DType.FLOAT64.safetensorsName()).isEqualTo("F64");
        assertThat(DType.INT32.safetensorsName()).isEqualTo("I32");
        assertThat(DType.INT64.safetensorsName()).isEqualTo("I64");
    }
}
