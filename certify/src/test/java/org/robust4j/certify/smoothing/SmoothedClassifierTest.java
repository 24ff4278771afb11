package org.robust4j.certify.smoothing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.robust4j.certify.Norm;
import org.robust4j.certify.support.LinearBinaryClassifier;
import org.robust4j.certify.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;

/**
 * CERTIFY and PREDICT on a binary linear classifier {@code f(x) = [w.x + b > 0]}, whose smoothed
 * classifier under {@code N(0, sigma^2 I)} has {@code pA = Phi(|w.x+b| / (sigma ||w||))} and the
 * exact robust radius {@code |w.x+b| / ||w||} (Cohen et al., Props. 4-5).
 */
class SmoothedClassifierTest {
    private static final NormalDistribution STD = new NormalDistribution(0, 1);
    private final Backend be = TestBackend.get();
    private final double[] w = {0.6, -0.8, 0.0, 0.5};
    private final LinearBinaryClassifier f = new LinearBinaryClassifier(be, w, 0.1);

    /** A point whose exact top-class probability under N(0, sigma^2 I) is {@code pA}: x = t w / ||w||. */
    private double[] pointWithProbability(double pA, double sigma) {
        double norm = f.l2NormOfW();
        double margin = sigma * norm * STD.inverseCumulativeProbability(pA);   // w.x + b
        double t = (margin - 0.1) / norm;
        double[] x = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            x[i] = t * w[i] / norm;
        }
        return x;
    }

    private Tensor tensor(double[] x) {
        return Tensor.of(be, x, x.length).cast(DType.FLOAT32);
    }

    private double trueRadius(double[] x) {
        return Math.abs(f.score(x)) / f.l2NormOfW();
    }

    @Test
    void certifiedRadiusNeverExceedsTheTrueRadiusAndApproachesItAsNGrows() {
        double sigma = 0.5;
        double pA = 0.8;
        double[] x = pointWithProbability(pA, sigma);
        double exact = sigma * STD.inverseCumulativeProbability(pA);
        assertThat(trueRadius(x)).isCloseTo(exact, org.assertj.core.api.Assertions.within(1e-12));
        SmoothedClassifier g = new SmoothedClassifier(f, NoiseDistribution.gaussian(sigma));
        double previousGap = Double.POSITIVE_INFINITY;
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            CertifyRecord r = g.certify(tensor(x), 1, 7, new SmoothingParams(100, n, 0.001, 20_000, 42));
            assertThat(r.abstained()).isFalse();
            assertThat(r.prediction()).isEqualTo(1);
            assertThat(r.norm()).isEqualTo(Norm.L2);
            assertThat(r.radius()).as("n=%s", n).isLessThanOrEqualTo(trueRadius(x));
            double gap = exact - r.radius();
            assertThat(gap).as("gap shrinks with n").isLessThan(previousGap);
            previousGap = gap;
        }
        assertThat(previousGap).as("n = 1e5 is within 0.03 sigma of sigma Phi^-1(pA)").isLessThan(0.03 * sigma);
    }

    @Test
    void wrongCertificatesAreAtMostAlphaOverManySeeds() {
        // Known answer: class 1 with pA = 0.8 exactly, true radius sigma Phi^-1(0.8). A certificate is
        // wrong when it names class 0 or a radius beyond the true one; Cohen et al. Prop. 2 bounds
        // its probability by alpha. Small n makes the Clopper-Pearson bound nearly tight.
        double sigma = 0.25;
        double alpha = 0.05;
        int runs = 200;
        double[] x = pointWithProbability(0.8, sigma);
        double truth = trueRadius(x);
        SmoothedClassifier g = new SmoothedClassifier(f, NoiseDistribution.gaussian(sigma));
        Tensor xt = tensor(x);
        int wrong = 0;
        for (int seed = 0; seed < runs; seed++) {
            CertifyRecord r = g.certify(xt, 1, 0, new SmoothingParams(10, 100, alpha, 100, 1000 + seed));
            if (!r.abstained() && (r.prediction() != 1 || r.radius() > truth)) {
                wrong++;
            }
        }
        // The count of wrong certificates is Binomial(runs, q) with q <= alpha; fail only beyond its
        // 1 - 1e-4 quantile (a false alarm once in 10,000 seeds sets).
        int limit = new BinomialDistribution(runs, alpha).inverseCumulativeProbability(1 - 1e-4);
        assertThat(wrong).as("wrong certificates out of %s (limit %s)", runs, limit).isLessThanOrEqualTo(limit);
        assertThat(wrong).as("the test is not vacuous: the bound is close to tight").isGreaterThan(0);
    }

    @Test
    void abstainsWhenTheClassesAreTied() {
        double[] x = pointWithProbability(0.5, 0.5);
        SmoothedClassifier g = new SmoothedClassifier(f, NoiseDistribution.gaussian(0.5));
        CertifyRecord r = g.certify(tensor(x), 1, 0, new SmoothingParams(100, 2000, 0.001, 1000, 3));
        assertThat(r.abstained()).isTrue();
        assertThat(r.prediction()).isEqualTo(-1);
        assertThat(r.radius()).isZero();
        assertThat(r.pALower()).isLessThanOrEqualTo(0.5);
        PredictRecord p = g.predict(tensor(x), 0, new SmoothingParams(100, 2000, 0.001, 1000, 3));
        assertThat(p.abstained()).isTrue();
    }

    @Test
    void predictReturnsTheClassWhenTheBinomialTestSeparatesIt() {
        double[] x = pointWithProbability(0.7, 0.5);
        SmoothedClassifier g = new SmoothedClassifier(f, NoiseDistribution.gaussian(0.5));
        PredictRecord p = g.predict(tensor(x), 0, new SmoothingParams(100, 1000, 0.001, 1000, 3));
        assertThat(p.abstained()).isFalse();
        assertThat(p.prediction()).isEqualTo(1);
        assertThat(p.nA() + p.nB()).isEqualTo(1000);
        assertThat(p.pValue()).isLessThan(1e-10);
    }

    @Test
    void recordsDependOnlyOnSeedAndSampleIndex() {
        SmoothedClassifier g = new SmoothedClassifier(f, NoiseDistribution.gaussian(0.5));
        double[][] xs = {pointWithProbability(0.7, 0.5), pointWithProbability(0.9, 0.5),
            pointWithProbability(0.6, 0.5), pointWithProbability(0.95, 0.5)};
        double[] flat = new double[4 * w.length];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(xs[i], 0, flat, i * w.length, w.length);
        }
        Tensor all = Tensor.of(be, flat, 4, w.length).cast(DType.FLOAT32);
        SmoothingParams p = new SmoothingParams(50, 500, 0.001, 128, 99);
        List<CertifyRecord> full = g.certifyAll(all, new int[] {1, 1, 1, 1}, 0, p);
        List<CertifyRecord> again = g.certifyAll(all, new int[] {1, 1, 1, 1}, 0, p);
        List<CertifyRecord> shard = g.certifyAll(all.slice(0, 2, 4), new int[] {1, 1}, 2, p);
        assertThat(again).isEqualTo(full);
        assertThat(shard).containsExactly(full.get(2), full.get(3));
        List<CertifyRecord> otherSeed = g.certifyAll(all, new int[] {1, 1, 1, 1}, 0, p.withSeed(100));
        assertThat(otherSeed).isNotEqualTo(full);
    }

    @Test
    void noisyBatchesAreReleasedAsSoonAsTheirVotesAreCounted() {
        SmoothedClassifier g = new SmoothedClassifier(f, NoiseDistribution.gaussian(0.5));
        Tensor x = tensor(pointWithProbability(0.7, 0.5));
        g.certify(x, 1, 0, new SmoothingParams(10, 100, 0.001, 50, 1));     // warm-up
        long before = be.memory().liveArrays();
        g.certify(x, 1, 0, new SmoothingParams(100, 5000, 0.001, 500, 2));
        g.predict(x, 0, new SmoothingParams(100, 5000, 0.001, 500, 2));
        assertThat(be.memory().liveArrays()).isEqualTo(before);
    }

    @Test
    void rejectsNonFiniteInputs() {
        SmoothedClassifier g = new SmoothedClassifier(f, NoiseDistribution.gaussian(0.5));
        Tensor x = Tensor.of(be, new double[] {0, Double.NaN, 0, 0}, 4).cast(DType.FLOAT32);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.certify(x, 1, 0, SmoothingParams.cohen(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }

    @Test
    void laplaceAndUniformCertificatesStayWithinTheL1DistanceToTheBoundary() {
        // For a linear f and noise symmetric about 0, g = f, so the true l1 radius is |w.x+b| / ||w||_inf.
        double[] x = pointWithProbability(0.8, 0.5);
        double trueL1 = Math.abs(f.score(x)) / f.linfNormOfW();
        for (NoiseDistribution noise : List.of(NoiseDistribution.laplace(0.3), NoiseDistribution.uniform(0.6))) {
            SmoothedClassifier g = new SmoothedClassifier(f, noise);
            CertifyRecord r = g.certify(tensor(x), 1, 0, new SmoothingParams(100, 20_000, 0.001, 10_000, 5));
            assertThat(r.norm()).isEqualTo(Norm.L1);
            assertThat(r.abstained()).as(noise.name()).isFalse();
            assertThat(r.radius()).as(noise.name()).isPositive().isLessThanOrEqualTo(trueL1);
        }
    }
}
