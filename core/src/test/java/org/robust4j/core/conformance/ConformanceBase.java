package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.conformance.support.Approx;
import org.robust4j.core.conformance.support.Data;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.Naive;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Base of every conformance test class. A backend module runs the kit by subclassing each
 * {@code *Conformance} class and implementing {@link #createBackend()}:
 *
 * <pre>{@code
 * class Nd4jElementwiseTest extends ElementwiseConformance {
 *     @Override protected Backend createBackend() { return new Nd4jBackend(); }
 * }
 * }</pre>
 *
 * One backend instance serves a whole test class (created before the first test, closed after
 * the last). Every test runs inside its own {@link Scope}, and after it the backend must hold no
 * more live arrays than before: a primitive or default that leaks temporaries fails the test
 * that called it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConformanceBase {
    /** The backend under test. */
    protected Backend backend;
    private Scope testScope;
    private long liveBefore;

    /** Creates the backend under test; called once per test class. */
    protected abstract Backend createBackend();

    @BeforeAll
    public final void startBackend() {
        backend = createBackend();
    }

    @AfterAll
    public final void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    public final void openTestScope() {
        liveBefore = backend.memory().liveArrays();
        testScope = Scope.open();
    }

    @AfterEach
    public final void closeTestScope() {
        while (Scope.current() != null && Scope.current() != testScope) {
            Scope.current().close();  // a failed test may leave inner scopes open
        }
        testScope.close();
        long after = backend.memory().liveArrays();
        assertThat(after)
                .as("live arrays after the test's scope closed (before: %s): something allocated and never released", liveBefore)
                .isLessThanOrEqualTo(liveBefore);
    }

    // ---------------------------------------------------------------- host <-> backend

    /** How an input array is laid out on the backend: the kit feeds ops views as well as fresh arrays. */
    protected enum Layout {
        /** A fresh contiguous array. */
        CONTIGUOUS,
        /** A permuted view of an array stored with its axes reversed (rank >= 2; rank < 2 falls back to contiguous). */
        PERMUTED,
        /** Every other element of a larger array, starting at 1 on every axis. */
        STRIDED
    }

    /** Uploads {@code h} as a fresh array of {@code dtype} (through fromFloats, fromDoubles or fromLongs). */
    protected NDArray put(Host h, DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> backend.fromFloats(h.toFloats(), h.shape);
            case FLOAT64 -> backend.fromDoubles(h.data.clone(), h.shape);
            case INT32 -> backend.fromInts(h.toInts(), h.shape);
            case INT64 -> backend.fromLongs(h.toLongs(), h.shape);
        };
    }

    /** Uploads {@code h} so that the returned handle has its values and shape but the given layout. */
    protected NDArray put(Host h, DType dtype, Layout layout) {
        int r = h.rank();
        if (layout == Layout.PERMUTED && r >= 2) {
            int[] rev = new int[r];
            for (int i = 0; i < r; i++) {
                rev[i] = r - 1 - i;
            }
            NDArray stored = put(Naive.permute(h, rev), dtype);
            return backend.permute(stored, rev);
        }
        if (layout == Layout.STRIDED && r >= 1) {
            int[] big = new int[r];
            int[] starts = new int[r];
            int[] steps = new int[r];
            for (int i = 0; i < r; i++) {
                big[i] = 2 * h.dim(i) + 1;
                starts[i] = 1;
                steps[i] = 2;
            }
            // The gaps hold a sentinel that would show up in any result that reads them.
            Host padded = Naive.setSlice(Host.full(Shape.of(big), 77), h, starts, steps);
            NDArray stored = put(padded, dtype);
            return backend.slice(stored, starts, big, steps);
        }
        return put(h, dtype);
    }

    /** Reads an array back as doubles. */
    protected Host get(NDArray a) {
        return new Host(a.shape(), backend.toDoubles(a));
    }

    protected Tensor tensor(Host h, DType dtype) {
        return Tensor.wrap(put(h, dtype));
    }

    /** Uniform test data rounded to {@code dtype}. */
    protected static Host uniform(DType dtype, long seed, double lo, double hi, int... shape) {
        return Data.uniform(dtype, seed, lo, hi, shape);
    }

    // ---------------------------------------------------------------- assertions

    /** Checks dtype, shape and values against the reference, at the dtype's tolerance. */
    protected void assertClose(String what, NDArray actual, DType dtype, Host expected) {
        assertClose(what, actual, dtype, expected, 1.0);
    }

    /** As {@link #assertClose(String, NDArray, DType, Host)}, with errors measured against {@code scale} near zero. */
    protected void assertClose(String what, NDArray actual, DType dtype, Host expected, double scale) {
        assertThat(actual.dtype()).as(what + ": dtype").isEqualTo(dtype);
        Approx.assertClose(what, actual.shape(), backend.toDoubles(actual), expected, Approx.tol(dtype), scale);
    }

    /** Checks dtype, shape and exact values. */
    protected void assertExact(String what, NDArray actual, DType dtype, Host expected) {
        assertThat(actual.dtype()).as(what + ": dtype").isEqualTo(dtype);
        Approx.assertExact(what, actual.shape(), backend.toDoubles(actual), expected);
    }
}
