package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.conformance.support.FloatTypes;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.Special;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * Random fills: determinism under a seed, and the distributions' moments and shapes. Seeds are
 * fixed, so every check is deterministic for a given backend; the bounds are 6 standard errors
 * (moments) or a Kolmogorov-Smirnov distance at significance 1e-6, so a correct generator fails
 * only by an astronomically bad seed.
 */
public abstract class RandomConformance extends ConformanceBase {
    private static final int N = 50_000;
    private static final Shape SHAPE = Shape.of(200, 250);
    private static final double SIGMAS = 6;

    private interface Fill {
        NDArray make(long seed);
    }

    private Fill[] fills(DType dt, Shape shape) {
        return new Fill[] {
            s -> backend.randomUniform(shape, dt, -2, 3, s),
            s -> backend.randomNormal(shape, dt, 1.5, 2, s),
            s -> backend.randomLaplace(shape, dt, -1, 0.5, s),
            s -> backend.randomBernoulli(shape, dt, 0.3, s),
        };
    }

    @FloatTypes
    public void sameSeedSameNumbersOtherSeedOtherNumbers(DType dt) {
        String[] names = {"uniform", "normal", "laplace", "bernoulli"};
        Shape shape = Shape.of(100, 50);
        Fill[] fills = fills(dt, shape);
        for (int i = 0; i < fills.length; i++) {
            NDArray a = fills[i].make(42);
            NDArray b = fills[i].make(42);
            NDArray c = fills[i].make(43);
            assertThat(a.shape()).isEqualTo(shape);
            assertThat(a.dtype()).isEqualTo(dt);
            double[] va = backend.toDoubles(a);
            assertThat(Arrays.equals(backend.toDoubles(b), va)).as(names[i] + ": same seed, same numbers").isTrue();
            double[] vc = backend.toDoubles(c);
            int same = 0;
            for (int k = 0; k < va.length; k++) {
                same += va[k] == vc[k] ? 1 : 0;
            }
            // Bernoulli(0.3) agrees on 58% of draws by chance; the continuous ones on almost none.
            double maxSame = names[i].equals("bernoulli") ? 0.65 : 0.01;
            assertThat(same).as(names[i] + ": equal draws under seeds 42 and 43").isLessThan((int) (maxSame * va.length));
        }
    }

    @FloatTypes
    public void uniform(DType dt) {
        double lo = -2;
        double hi = 3;
        double[] v = backend.toDoubles(backend.randomUniform(SHAPE, dt, lo, hi, 7));
        for (double x : v) {
            assertThat(x).as("uniform on [-2, 3)").isGreaterThanOrEqualTo(lo).isLessThan(hi);
        }
        double w = hi - lo;
        checkMoments("uniform", v, (lo + hi) / 2, w * w / 12, Math.pow(w, 4) / 80);
        checkKs("uniform", v, x -> x < lo ? 0 : x > hi ? 1 : (x - lo) / w);
        checkLag1("uniform", v);
        double[] unit = backend.toDoubles(backend.randomUniform(Shape.of(N), dt, 0, 1, 8));
        for (double x : unit) {
            assertThat(x).as("uniform on [0, 1)").isGreaterThanOrEqualTo(0).isLessThan(1);
        }
    }

    @FloatTypes
    public void normal(DType dt) {
        double mean = 1.5;
        double std = 2;
        double[] v = backend.toDoubles(backend.randomNormal(SHAPE, dt, mean, std, 9));
        checkMoments("normal", v, mean, std * std, 3 * Math.pow(std, 4));
        checkKs("normal", v, x -> Special.normalCdf((x - mean) / std));
        checkLag1("normal", v);
    }

    @FloatTypes
    public void laplace(DType dt) {
        double loc = -1;
        double b = 0.5;
        double[] v = backend.toDoubles(backend.randomLaplace(SHAPE, dt, loc, b, 10));
        for (double x : v) {
            assertThat(x).as("laplace draws are finite").isFinite();
        }
        checkMoments("laplace", v, loc, 2 * b * b, 24 * Math.pow(b, 4));
        checkKs("laplace", v, x -> Special.laplaceCdf(x, loc, b));
    }

    @FloatTypes
    public void bernoulli(DType dt) {
        double p = 0.3;
        double[] v = backend.toDoubles(backend.randomBernoulli(SHAPE, dt, p, 11));
        for (double x : v) {
            assertThat(x).as("bernoulli draws").isIn(0.0, 1.0);
        }
        double q = p * (1 - p);
        checkMoments("bernoulli", v, p, q, q * (1 - 3 * q));
        assertThat(backend.toDoubles(backend.randomBernoulli(Shape.of(1000), dt, 0, 12))).as("p = 0").containsOnly(0.0);
        assertThat(backend.toDoubles(backend.randomBernoulli(Shape.of(1000), dt, 1, 13))).as("p = 1").containsOnly(1.0);
    }

    @Test
    public void emptyAndScalarShapes() {
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            assertThat(backend.randomUniform(Shape.of(0, 3), dt, 0, 1, 1).shape()).isEqualTo(Shape.of(0, 3));
            assertThat(backend.randomNormal(Shape.of(3, 0), dt, 0, 1, 1).shape()).isEqualTo(Shape.of(3, 0));
            assertThat(backend.randomLaplace(Shape.of(0), dt, 0, 1, 1).shape()).isEqualTo(Shape.of(0));
            assertThat(backend.randomBernoulli(Shape.of(0), dt, 0.5, 1).shape()).isEqualTo(Shape.of(0));
            NDArray s = backend.randomNormal(Shape.scalar(), dt, 0, 1, 1);
            assertThat(s.shape()).isEqualTo(Shape.scalar());
            assertThat(backend.toDoubles(s)).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- statistics

    /** Sample mean and variance within {@link #SIGMAS} standard errors, given the true central moments. */
    private static void checkMoments(String what, double[] v, double mean, double var, double mu4) {
        int n = v.length;
        double m = Arrays.stream(v).sum() / n;
        double s2 = 0;
        for (double x : v) {
            s2 += (x - m) * (x - m);
        }
        s2 /= n - 1;
        double seMean = Math.sqrt(var / n);
        double seVar = Math.sqrt((mu4 - var * var) / n);
        assertThat(m).as("%s: sample mean of %s draws (standard error %.3g)", what, n, seMean)
                .isBetween(mean - SIGMAS * seMean, mean + SIGMAS * seMean);
        assertThat(s2).as("%s: sample variance of %s draws (standard error %.3g)", what, n, seVar)
                .isBetween(var - SIGMAS * seVar, var + SIGMAS * seVar);
    }

    /** Kolmogorov-Smirnov distance below its 1e-6 critical value {@code sqrt(ln(2/alpha)/(2n))}. */
    private static void checkKs(String what, double[] v, DoubleUnaryOperator cdf) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        double critical = Math.sqrt(Math.log(2 / 1e-6) / (2.0 * n));
        // FLOAT32 rounding moves each draw by ~1e-7 relative: far below the critical distance.
        assertThat(d).as("%s: Kolmogorov-Smirnov distance from the target distribution", what).isLessThan(critical);
    }

    /** Consecutive draws uncorrelated: lag-1 autocorrelation within 6 / sqrt(n). */
    private static void checkLag1(String what, double[] v) {
        int n = v.length;
        double m = Arrays.stream(v).sum() / n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            den += (v[i] - m) * (v[i] - m);
            if (i + 1 < n) {
                num += (v[i] - m) * (v[i + 1] - m);
            }
        }
        assertThat(num / den).as("%s: lag-1 autocorrelation", what).isBetween(-SIGMAS / Math.sqrt(n), SIGMAS / Math.sqrt(n));
    }
}
