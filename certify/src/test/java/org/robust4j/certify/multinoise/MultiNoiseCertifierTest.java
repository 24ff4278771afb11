package org.robust4j.certify.multinoise;

import static org.assertj.core.api.Assertions.assertThat;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.robust4j.certify.smoothing.CertifyRecord;
import org.robust4j.certify.smoothing.NoiseDistribution;
import org.robust4j.certify.smoothing.SmoothedClassifier;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.certify.support.LinearBinaryClassifier;
import org.robust4j.certify.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Lambda;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

class MultiNoiseCertifierTest {
    private static final NormalDistribution STD = new NormalDistribution(0, 1);
    private final Backend be = TestBackend.get();

    /** Class 1 outside the ball {@code ||z|| <= radius}, class 0 inside, for inputs {@code [b, d]}. */
    private Module ballComplement(double radius) {
        double r2 = radius * radius;
        return new Lambda("outside-ball", z -> {
            Tensor s = z.square().sum(new int[] {1}, true).sub(r2);
            return Tensor.cat(java.util.List.of(s.neg(), s), 1);
        });
    }

    @Test
    void certifiesMoreThanCohenOnABallComplementAndNeverLessOnTheSameDraws() {
        int d = 784;
        double sigma0 = 0.5;
        // Radius so that about 80% of N(0, sigma0^2 I) falls outside: class 1 with pA ~ 0.8 at x = 0.
        double radius = sigma0 * Math.sqrt(d - 0.8416 * Math.sqrt(2.0 * d));
        Module f = ballComplement(radius);
        Tensor x = Tensor.zeros(be, DType.FLOAT32, d);
        SmoothingParams p = new SmoothingParams(100, 10_000, 0.001, 2500, 17);
        MultiNoiseCertifier m = new MultiNoiseCertifier(f, sigma0, 0.55, 10_000, 0.5);
        MultiNoiseRecord r = m.certify(x, 1, 0, p);
        assertThat(r.abstained()).isFalse();
        assertThat(r.prediction()).isEqualTo(1);
        assertThat(r.probeUsed()).isTrue();
        assertThat(r.radius()).isGreaterThan(1.1 * r.cohenRadius());

        // The smoothing draws are Cohen's: same nA as CERTIFY with the same parameters, and Cohen's radius at
        // alpha0 = alpha / 2 from them is the floor.
        CertifyRecord cohen = new SmoothedClassifier(f, NoiseDistribution.gaussian(sigma0)).certify(x, 1, 0,
                p.withAlpha(0.0005));
        assertThat(r.nA()).isEqualTo(cohen.nA());
        assertThat(r.cohenRadius()).isCloseTo(cohen.radius(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.radius()).isGreaterThanOrEqualTo(cohen.radius());
    }

    @Test
    void staysWithinTheTrueRadiusOfALinearClassifier() {
        int d = 50;
        double[] w = new double[d];
        w[0] = 1;
        double sigma0 = 0.5;
        LinearBinaryClassifier f = new LinearBinaryClassifier(be, w, 0);
        double[] x = new double[d];
        x[0] = sigma0 * STD.inverseCumulativeProbability(0.8);     // true radius = x[0]
        Tensor xt = Tensor.of(be, x, d).cast(DType.FLOAT32);
        for (double sigma1 : new double[] {0.4, 0.7}) {
            MultiNoiseCertifier m = new MultiNoiseCertifier(f, sigma0, sigma1, 5000, 0.5);
            for (int seed = 0; seed < 3; seed++) {
                MultiNoiseRecord r = m.certify(xt, 1, 0, new SmoothingParams(100, 5000, 0.001, 5000, seed));
                assertThat(r.prediction()).isEqualTo(1);
                assertThat(r.radius()).as("sigma1=%s seed=%s", sigma1, seed).isLessThanOrEqualTo(x[0]);
            }
        }
    }
}
