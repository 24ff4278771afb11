package org.robust4j.core.conformance.support;

import java.util.Arrays;
import org.assertj.core.api.Assertions;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * Approximate comparison of a backend's result with a reference, failing with a message that
 * says what was computed, how many elements differ, and where the first and the worst are.
 *
 * <p>An element passes when {@code |actual - expected| <= tol * max(|expected|, scale)}: relative
 * for large values, absolute (at {@code tol * scale}) near zero, where cancellation makes a
 * relative test meaningless. {@code scale} defaults to 1; sums of many terms pass the magnitude
 * of their terms. NaN matches NaN, and infinities must match exactly.
 */
public final class Approx {
    private Approx() {}

    /** Relative tolerance for values computed in {@code dtype} by a few rounded operations. */
    public static double tol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
    }

    public static void assertClose(String what, Shape actualShape, double[] actual, Host expected, double tol) {
        assertClose(what, actualShape, actual, expected, tol, 1.0);
    }

    public static void assertClose(String what, Shape actualShape, double[] actual, Host expected,
                                   double tol, double scale) {
        if (!actualShape.equals(expected.shape)) {
            Assertions.fail(what + ": shape " + actualShape + ", expected " + expected.shape);
        }
        if (actual.length != expected.size()) {
            Assertions.fail(what + ": " + actual.length + " values read back for shape " + actualShape);
        }
        int bad = 0;
        int first = -1;
        int worst = -1;
        double worstRatio = 0;
        for (int i = 0; i < actual.length; i++) {
            double a = actual[i];
            double e = expected.data[i];
            double ratio = mismatch(a, e, tol, scale);
            if (ratio > 1) {
                bad++;
                if (first < 0) {
                    first = i;
                }
                if (ratio > worstRatio) {
                    worstRatio = ratio;
                    worst = i;
                }
            }
        }
        if (bad > 0) {
            Assertions.fail(String.format("%s: %d of %d elements differ beyond tol %.1e (scale %.3g) in shape %s;%n"
                            + "  first at %s: actual %s, expected %s%n  worst at %s: actual %s, expected %s%n"
                            + "  actual   %s%n  expected %s",
                    what, bad, actual.length, tol, scale, actualShape,
                    Arrays.toString(expected.unravel(first)), actual[first], expected.data[first],
                    Arrays.toString(expected.unravel(worst)), actual[worst], expected.data[worst],
                    head(actual), head(expected.data)));
        }
    }

    /** Exact equality (for data movement, comparisons, integer results): tolerance zero. */
    public static void assertExact(String what, Shape actualShape, double[] actual, Host expected) {
        assertClose(what, actualShape, actual, expected, 0.0, 0.0);
    }

    /** How far past the tolerance an element is: above 1 fails. */
    private static double mismatch(double a, double e, double tol, double scale) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(e) || Double.isInfinite(a)) {
            return a == e ? 0 : Double.POSITIVE_INFINITY;
        }
        double diff = Math.abs(a - e);
        if (diff == 0) {
            return 0;
        }
        double allowed = tol * Math.max(Math.abs(e), scale);
        return allowed == 0 ? Double.POSITIVE_INFINITY : diff / allowed;
    }

    private static String head(double[] v) {
        int n = Math.min(v.length, 12);
        String s = Arrays.toString(Arrays.copyOf(v, n));
        return n < v.length ? s.substring(0, s.length() - 1) + ", ...]" : s;
    }
}
