package org.robust4j.core.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.robust4j.core.reference.JavaBackend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/** Facts about the defaults that the conformance kit cannot reach through an arbitrary backend. */
class BackendDefaultsTest {

    /** The reference backend must inherit every default, or the kit would not be testing them. */
    @Test
    void referenceBackendOverridesNoDefault() throws Exception {
        for (Method m : Backend.class.getMethods()) {
            if (m.isDefault() && !Modifier.isStatic(m.getModifiers())) {
                Method impl = JavaBackend.class.getMethod(m.getName(), m.getParameterTypes());
                assertThat(impl.getDeclaringClass()).as("JavaBackend must not override " + m.getName())
                        .isEqualTo(Backend.class);
            }
        }
    }

    /**
     * Under seed 208044 the 50th double of SplittableRandom is 0.99999999615, which rounds to 1.0f:
     * the default uniform fill must still stay below hi in FLOAT32.
     */
    @Test
    void floatUniformNeverReachesTheUpperBound() {
        Backend b = new JavaBackend();
        try (Scope s = Scope.open()) {
            for (double hi : new double[] {1.0, 0.1}) {
                float[] v = b.toFloats(b.randomUniform(Shape.of(64), DType.FLOAT32, hi - 1, hi, 208044));
                for (float x : v) {
                    assertThat((double) x).as("uniform on [%s, %s)", hi - 1, hi).isLessThan(hi);
                }
            }
        }
    }
}
