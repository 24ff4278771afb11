package org.robust4j.core.conformance.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.robust4j.core.tensor.DType;

/** A test run once in FLOAT32 and once in FLOAT64; the method takes the {@link DType}. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
public @interface FloatTypes {
}
