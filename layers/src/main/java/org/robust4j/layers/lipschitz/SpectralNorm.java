package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.core.tensor.DType;

/**
 * A spectral norm (largest singular value, i.e. the l2 Lipschitz constant of a linear map) as
 * one estimator computed it: the value, what kind of number it is, the iterations spent and the
 * dtype the arithmetic ran in.
 *
 * @param value      the number; never NaN (a zero operator gives 0)
 * @param kind       whether {@code value} is exact, an upper bound or an estimate from below
 * @param iterations the method's iteration count (Gram squarings, power steps, LipBound grid
 *                   size; 0 for closed forms)
 * @param dtype      the dtype of the arithmetic; null for closed forms that need none (ReLU's 1)
 * @param method     the method's name ({@code gram}, {@code power}, {@code exact}, ...)
 */
public record SpectralNorm(double value, Kind kind, int iterations, DType dtype, String method) {

    /** What a value guarantees. Rounding aside: an upper bound may end a few ulps below at convergence. */
    public enum Kind {
        /** The norm itself (up to rounding). */
        EXACT,
        /** At least the norm. */
        UPPER,
        /** At most the norm: an estimate from below, such as power iteration. */
        ESTIMATE;

        /** Lower-case name, as the command line prints it ({@code exact}, {@code upper}, {@code estimate}). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** True when a value of this kind is at least the true norm. */
        public boolean boundsFromAbove() {
            return this != ESTIMATE;
        }

        /** The kind of a product of two factors: exact only if both are, an estimate if either is. */
        public Kind times(Kind other) {
            if (this == ESTIMATE || other == ESTIMATE) {
                return ESTIMATE;
            }
            return this == EXACT && other == EXACT ? EXACT : UPPER;
        }
    }

    public SpectralNorm {
        checkArgument(!Double.isNaN(value) && value >= 0, "SpectralNorm: value must be >= 0, got %s (method %s)",
                value, method);
        checkNotNull(kind, "kind");
        checkNotNull(method, "method");
        checkArgument(iterations >= 0, "SpectralNorm: negative iteration count %s", iterations);
    }

    /** The same result scaled by {@code factor >= 0} with the given kind (for row selections, block factors). */
    public SpectralNorm scaled(double factor, Kind newKind) {
        checkArgument(factor >= 0, "SpectralNorm.scaled: factor must be >= 0, got %s", factor);
        return new SpectralNorm(value * factor, newKind, iterations, dtype, method);
    }

    public SpectralNorm withKind(Kind newKind) {
        return new SpectralNorm(value, newKind, iterations, dtype, method);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %.10g (%s, %d iterations, %s)", method, value, kind.label(),
                iterations, dtype);
    }
}
