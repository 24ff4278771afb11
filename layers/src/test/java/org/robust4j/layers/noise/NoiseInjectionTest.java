package org.robust4j.layers.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.support.Nd4jTestBackend;

/**
 * Moments of the injected noise against the distributions' closed forms, with tolerances of
 * five standard errors of each sample statistic.
 */
class NoiseInjectionTest {
    private static final int N = 400_000;
    private final Backend b = Nd4jTestBackend.get();

    /** mean, variance, kurtosis (fourth standardized moment) of a sample. */
    private static double[] moments(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double m2 = 0;
        double m4 = 0;
        for (double x : v) {
            double d = (x - m) * (x - m);
            m2 += d;
            m4 += d * d;
        }
        m2 /= v.length;
        m4 /= v.length;
        return new double[] {m, m2, m4 / (m2 * m2)};
    }

    private double[] injected(NoiseInjection layer, int n) {
        try (Scope s = Scope.open()) {
            Tensor x = Tensor.full(b, DType.FLOAT32, 0.25, n);
            Tensor y = layer.forward(x);
            double[] v = y.toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] -= 0.25;
            }
            return v;
        }
    }

    /** Checks mean, variance and kurtosis; {@code mu8} is the standardized 8th moment (for the kurtosis error). */
    private void assertMoments(double[] v, double var, double kurt, double mu8) {
        double[] m = moments(v);
        double sd = Math.sqrt(var);
        assertThat(m[0]).as("mean").isCloseTo(0, within(5 * sd / Math.sqrt(N)));
        assertThat(m[1]).as("variance").isCloseTo(var, within(5 * var * Math.sqrt((kurt - 1) / N)));
        assertThat(m[2]).as("kurtosis").isCloseTo(kurt, within(5 * Math.sqrt((mu8 - kurt * kurt) / N) + 0.01));
    }

    @Test
    void gaussianMoments() {
        NoiseInjection g = NoiseInjection.gaussian(LayerContext.of(b, 1), 0.3);
        assertThat(((Gaussian) g.distribution()).sigma()).isEqualTo(0.3);
        assertMoments(injected(g, N), 0.09, 3, 105);
    }

    @Test
    void laplaceMoments() {
        NoiseInjection l = NoiseInjection.laplace(LayerContext.of(b, 2), 0.2);
        assertThat(((Laplace) l.distribution()).scale()).isEqualTo(0.2);
        assertThat(l.distribution().variance()).isCloseTo(0.08, within(1e-15));
        assertMoments(injected(l, N), 0.08, 6, 2520);
    }

    @Test
    void uniformMomentsAndSupport() {
        NoiseInjection u = NoiseInjection.uniform(LayerContext.of(b, 3), 0.5);
        double[] v = injected(u, N);
        assertThat(Arrays.stream(v).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(0.5 + 1e-7);
        // Uniform: kurtosis 9/5, standardized 8th moment 3^4/9 = 9.
        assertMoments(v, 0.25 / 3, 1.8, 9);
    }

    @Test
    void exponentialFamilyWithShapeTwoIsTheGaussian() {
        double sigma = 0.4;
        ExponentialFamily f = ExponentialFamily.generalizedGaussian(sigma * Math.sqrt(2), 2);
        assertThat(f.theta()[0]).isCloseTo(-1 / (2 * sigma * sigma), within(1e-12));
        assertThat(f.logPartition()).isCloseTo(Math.log(Math.sqrt(2 * Math.PI) * sigma), within(1e-9));
        assertThat(f.variance()).isCloseTo(sigma * sigma, within(1e-9));
        // Normal quantiles: Phi^-1(0.975) = 1.959963985, Phi^-1(1e-6) = -4.753424309.
        assertThat(f.quantile(0.975)).isCloseTo(1.959963985 * sigma, within(1e-5));
        assertThat(f.quantile(1e-6)).isCloseTo(-4.753424309 * sigma, within(1e-4));
        assertThat(f.quantile(0.5)).isCloseTo(0, within(1e-6));
        NoiseInjection layer = new NoiseInjection(LayerContext.of(b, 4), f);
        assertMoments(injected(layer, N), sigma * sigma, 3, 105);
    }

    @Test
    void exponentialFamilyWithShapeOneIsTheLaplace() {
        double scale = 0.25;
        ExponentialFamily f = ExponentialFamily.generalizedGaussian(scale, 1);
        assertThat(f.logPartition()).isCloseTo(Math.log(2 * scale), within(2e-6));
        assertThat(f.quantile(0.99)).isCloseTo(scale * Math.log(50), within(1e-5));
        assertThat(f.quantile(0.01)).isCloseTo(-scale * Math.log(50), within(1e-5));
        assertMoments(injected(new NoiseInjection(LayerContext.of(b, 5), f), N), 2 * scale * scale, 6, 2520);
    }

    @Test
    void exponentialFamilyOnAHalfLine() {
        double rate = 2;
        ExponentialFamily f = ExponentialFamily.exponential(rate);
        // The trapezoid rule is second order; the density's jump at 0 limits it to about 1e-6 here.
        assertThat(f.mean()).isCloseTo(0.5, within(2e-6));
        assertThat(f.variance()).isCloseTo(0.25, within(2e-6));
        assertThat(f.quantile(0.5)).isCloseTo(Math.log(2) / rate, within(2e-6));
        assertThat(f.logDensity(1.0)).isCloseTo(Math.log(rate) - rate, within(2e-6));
        double[] v = injected(new NoiseInjection(LayerContext.of(b, 6), f), N);
        double[] m = moments(v);
        assertThat(m[0]).isCloseTo(0.5, within(5 * 0.5 / Math.sqrt(N)));
        assertThat(m[1]).isCloseTo(0.25, within(5 * 0.25 * Math.sqrt(8.0 / N)));
        assertThat(Arrays.stream(v).min().orElseThrow()).isGreaterThanOrEqualTo(-1e-7);
    }

    @Test
    void activeInEvaluationModeWithFreshDrawsAndReproducibleUnderASeed() {
        NoiseInjection a = NoiseInjection.gaussian(LayerContext.of(b, 11), 0.1);
        NoiseInjection same = NoiseInjection.gaussian(LayerContext.of(b, 11), 0.1);
        a.eval();
        same.eval();
        Tensor x = Tensor.zeros(b, DType.FLOAT32, 2, 8);
        float[] first = a.forward(x).toFloatArray();
        float[] second = a.forward(x).toFloatArray();
        assertThat(first).isNotEqualTo(second);
        assertThat(first).isNotEqualTo(new float[16]);
        assertThat(same.forward(x).toFloatArray()).containsExactly(first);
    }

    @Test
    void gradientPassesThroughUnchanged() {
        NoiseInjection a = NoiseInjection.laplace(LayerContext.of(b, 12), 0.1);
        Tensor x = Tensor.randn(b, new Generator(1), DType.FLOAT64, 3, 4).requiresGrad(true);
        Tensor g = Autograd.grad(a.forward(x).sum(), x)[0];
        assertThat(g.shape()).isEqualTo(Shape.of(3, 4));
        assertThat(g.toDoubleArray()).containsOnly(1.0);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new Gaussian(0)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new Laplace(-1)).hasMessageContaining("scale");
        assertThatThrownBy(() -> new Uniform(Double.NaN)).hasMessageContaining("half-width");
        assertThatThrownBy(() -> ExponentialFamily.of("bad", new double[] {1}, java.util.List.of(z -> z), null, 0,
                Double.POSITIVE_INFINITY)).hasMessageContaining("finite interval");
    }
}
