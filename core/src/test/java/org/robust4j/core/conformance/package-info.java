/**
 * The backend conformance kit: abstract JUnit 5 tests that every {@link org.robust4j.core.backend.Backend}
 * must pass, published in core's test-jar.
 *
 * <p>A backend module depends on {@code robust4j-core} with {@code <type>test-jar</type>} and on
 * {@code junit-jupiter} and {@code assertj-core}, all in test scope, and subclasses every
 * {@code *Conformance} class once, implementing {@link
 * org.robust4j.core.conformance.ConformanceBase#createBackend()}:
 *
 * <pre>{@code
 * class Nd4jMatmulTest extends MatmulConformance {
 *     @Override protected Backend createBackend() { return new Nd4jBackend(); }
 * }
 * }</pre>
 *
 * <p>Values are compared with the naive references of the {@code support} package (plain loops
 * in double precision, sharing no code with any backend) in FLOAT32 and FLOAT64, on contiguous,
 * permuted and strided inputs; gradients of every differentiable op are compared with central
 * finite differences in FLOAT64. {@code org.robust4j.core.reference.JavaBackend} runs the whole kit
 * in core's own build.
 */
package org.robust4j.core.conformance;
