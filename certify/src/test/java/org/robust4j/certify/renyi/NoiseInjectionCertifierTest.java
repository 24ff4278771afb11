package org.robust4j.certify.renyi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.robust4j.certify.Norm;
import org.robust4j.certify.smoothing.NoiseDistribution;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.certify.support.LinearBinaryClassifier;
import org.robust4j.certify.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Lambda;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

class NoiseInjectionCertifierTest {
    private final Backend be = TestBackend.get();

    @Test
    void certifiesANoiseInjectedLinearNetworkWithinItsTrueRadius() {
        // N_X(x) = f(2x + X), X ~ N(0, sigma^2 I), f(h) = [w.h + b > 0]: the top class is kept exactly while
        // w.(2x) + b keeps its sign, i.e. within |2 w.x + b| / (2 ||w||) of x. The prefix x -> 2x is 2-Lipschitz.
        double[] w = {0.6, -0.8, 0.0};
        double bias = 0.2;
        LinearBinaryClassifier f = new LinearBinaryClassifier(be, w, bias);
        double sigma = 0.5;
        RenyiCertificate cert = new RenyiCertificate(NoiseDistribution.gaussian(sigma), 2.0, Norm.L2);
        NoiseInjectionCertifier c = new NoiseInjectionCertifier(new Lambda("double", x -> x.mul(2.0)),
                NoiseDistribution.gaussian(sigma), f, cert);
        double[] x = {0.5, -0.2, 3.0};
        double trueRadius = Math.abs(2 * (0.6 * 0.5 + 0.8 * 0.2) + bias) / (2 * f.l2NormOfW());
        RenyiRecord r = c.certify(Tensor.of(be, x, 3).cast(DType.FLOAT32), 1, 0,
                new SmoothingParams(100, 20_000, 0.001, 10_000, 8));
        assertThat(r.abstained()).isFalse();
        assertThat(r.prediction()).isEqualTo(1);
        assertThat(r.radius()).isPositive().isLessThanOrEqualTo(trueRadius);
        assertThat(r.order()).isGreaterThan(1);
    }
}
