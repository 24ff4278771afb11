package org.robust4j.certify.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.certify.RadiusConversion;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.support.TestBackend;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.Linear;

class LipschitzCertificatesTest {
    private final Backend be = TestBackend.get();

    /** {@code f(x) = W x + b} in FLOAT64 with the given weight rows. */
    private Linear linear(double[][] rows, double[] bias) {
        int c = rows.length;
        int d = rows[0].length;
        Linear lin = new Linear(LayerContext.of(be, 1).withDtype(DType.FLOAT64), d, c);
        double[] flat = new double[c * d];
        for (int i = 0; i < c; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        lin.weight().value().assign(Tensor.of(be, flat, c, d));
        lin.bias().value().assign(Tensor.of(be, bias, c));
        return lin;
    }

    /** Exact l2 distance from x to the decision boundary of the linear classifier around its prediction. */
    private static double exactDistance(double[][] w, double[] b, double[] x) {
        int c = w.length;
        double[] f = new double[c];
        int top = 0;
        for (int i = 0; i < c; i++) {
            f[i] = b[i];
            for (int k = 0; k < x.length; k++) {
                f[i] += w[i][k] * x[k];
            }
            top = f[i] > f[top] ? i : top;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            if (j != top) {
                double dist = 0;
                for (int k = 0; k < x.length; k++) {
                    dist += (w[top][k] - w[j][k]) * (w[top][k] - w[j][k]);
                }
                best = Math.min(best, (f[top] - f[j]) / Math.sqrt(dist));
            }
        }
        return best;
    }

    private double[][] randomInputs(int n, int d, long seed) {
        Generator g = new Generator(seed);
        double[][] xs = new double[n][d];
        for (double[] x : xs) {
            for (int k = 0; k < d; k++) {
                x[k] = g.nextGaussian();
            }
        }
        return xs;
    }

    private Tensor tensor(double[][] xs) {
        double[] flat = new double[xs.length * xs[0].length];
        for (int i = 0; i < xs.length; i++) {
            System.arraycopy(xs[i], 0, flat, i * xs[0].length, xs[0].length);
        }
        return Tensor.of(be, flat, xs.length, xs[0].length);
    }

    @Test
    void marginRadiusIsTheExactDistanceForOrthogonalEqualNormRowsAndNeverMoreOtherwise() {
        // Rows s e_0, s e_1, s e_2: ||W||_2 = s and ||w_c - w_j|| = sqrt(2) s, so margin / (sqrt(2) L) is exact.
        double s = 1.7;
        double[][] w = {{s, 0, 0, 0, 0}, {0, s, 0, 0, 0}, {0, 0, s, 0, 0}};
        double[] b = {0.1, -0.2, 0.05};
        double[][] xs = randomInputs(40, 5, 3);
        List<LipschitzRecord> recs = new LipschitzMarginCertificate(s).certify(linear(w, b), tensor(xs), null, 16, 0);
        for (int i = 0; i < xs.length; i++) {
            assertThat(recs.get(i).radius()).isCloseTo(exactDistance(w, b, xs[i]), within(1e-12));
        }
        // A general W: L = ||W||_2 (power iteration on W^T W below), and the certificate stays within the distance.
        double[][] wr = randomInputs(4, 5, 9);
        double l = spectralNorm(wr) * (1 + 1e-12);
        List<LipschitzRecord> r2 = new LipschitzMarginCertificate(l).certify(linear(wr, new double[4]), tensor(xs), null, 64, 0);
        for (int i = 0; i < xs.length; i++) {
            double exact = exactDistance(wr, new double[4], xs[i]);
            assertThat(r2.get(i).radius()).isLessThanOrEqualTo(exact + 1e-12);
            assertThat(r2.get(i).radius() * Math.sqrt(2) * l).isCloseTo(r2.get(i).margin(), within(1e-12));
        }
    }

    @Test
    void binaryLinearClassifierRadiusIsItsDistanceUpToSqrt2() {
        // Logits (w.x, 0): L = ||w||, margin |w.x| -> radius = distance / sqrt 2. Logits (w.x, -w.x): exact.
        double[] w = {0.3, -1.2, 0.5};
        double norm = Math.sqrt(0.09 + 1.44 + 0.25);
        double[][] xs = randomInputs(10, 3, 5);
        List<LipschitzRecord> half = new LipschitzMarginCertificate(norm)
                .certify(linear(new double[][] {w, {0, 0, 0}}, new double[2]), tensor(xs), null, 10, 0);
        List<LipschitzRecord> full = new LipschitzMarginCertificate(Math.sqrt(2) * norm)
                .certify(linear(new double[][] {w, {-w[0], -w[1], -w[2]}}, new double[2]), tensor(xs), null, 10, 0);
        for (int i = 0; i < xs.length; i++) {
            double dist = Math.abs(w[0] * xs[i][0] + w[1] * xs[i][1] + w[2] * xs[i][2]) / norm;
            assertThat(half.get(i).radius()).isCloseTo(dist / Math.sqrt(2), within(1e-12));
            assertThat(full.get(i).radius()).isCloseTo(dist, within(1e-12));
        }
    }

    @Test
    void llnRadiusIsTheExactDistanceOfANormalisedLinearHead() {
        double[][] raw = randomInputs(5, 8, 21);            // unnormalised head rows
        double[][] unit = new double[5][8];
        for (int i = 0; i < 5; i++) {
            double n = 0;
            for (double v : raw[i]) {
                n += v * v;
            }
            for (int k = 0; k < 8; k++) {
                unit[i][k] = raw[i][k] / Math.sqrt(n);
            }
        }
        double[] b = {0.1, 0.2, -0.1, 0, 0.3};
        double[][] xs = randomInputs(30, 8, 22);
        Linear head = linear(raw, b);
        LlnMarginCertificate lln = new LlnMarginCertificate(head.weight().value(), 1.0);
        // The LLN network is body (identity, 1-Lipschitz) then the normalised head.
        List<LipschitzRecord> recs = lln.certify(linear(unit, b), tensor(xs), null, 30, 0);
        for (int i = 0; i < xs.length; i++) {
            assertThat(recs.get(i).radius()).isCloseTo(exactDistance(unit, b, xs[i]), within(1e-12));
        }
        // A body with bound 2 halves every radius.
        LlnMarginCertificate lln2 = new LlnMarginCertificate(head.weight().value(), 2.0);
        assertThat(lln2.certify(linear(unit, b), tensor(xs), null, 30, 0).get(0).radius())
                .isCloseTo(recs.get(0).radius() / 2, within(1e-12));
    }

    @Test
    void certifiedAccuracyAtTheLipschitzRadiiAndTheImpliedLinfRadius() {
        List<LipschitzRecord> recs = List.of(
                new LipschitzRecord(0, 1, 1, 0, 0.10),
                new LipschitzRecord(1, 2, 2, 0, 0.30),
                new LipschitzRecord(2, 0, 0, 0, 1.20),
                new LipschitzRecord(3, 0, 1, 0, 2.00));        // wrong: never counted
        CertifiedAccuracyCurve curve = new CertifiedAccuracyCurve(recs);
        assertThat(curve.at(CertifiedAccuracyCurve.LIPSCHITZ_RADII)).extracting(CertifiedAccuracyCurve.Point::certifiedAccuracy)
                .containsExactly(0.5, 0.5, 0.25, 0.25);
        assertThat(curve.cleanAccuracy()).isEqualTo(0.75);
        assertThat(curve.meanCertifiedRadius()).isCloseTo((0.1 + 0.3 + 1.2) / 4, within(1e-15));
        assertThat(RadiusConversion.linfFromL2(1.58, 784)).isCloseTo(1.58 / 28, within(1e-15));
        // The cube's corner sits on the l2 sphere: the l_inf ball of that radius is inside the l2 ball.
        double r = RadiusConversion.linfFromL2(0.5, 9);
        assertThat(Math.sqrt(9 * r * r)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void empiricalCheckFindsTheConstantOfALinearMapAndFlagsAnUnderstatedClaim() {
        double[][] w = randomInputs(4, 6, 31);
        double l = spectralNorm(w);
        Linear f = linear(w, new double[4]);
        Tensor xs = tensor(randomInputs(16, 6, 32));
        EmpiricalLipschitzCheck.Options o = new EmpiricalLipschitzCheck.Options(0.1, 30, 1e-6);
        EmpiricalLipschitzCheck.Result honest = EmpiricalLipschitzCheck.check(f, xs, l * (1 + 1e-9), new Generator(1), o);
        assertThat(honest.exceedsClaim()).isFalse();
        assertThat(honest.measured()).isLessThanOrEqualTo(l * (1 + 1e-9));
        assertThat(honest.ascentEstimate()).as("ascent on a linear map is power iteration").isCloseTo(l, within(1e-6 * l));
        EmpiricalLipschitzCheck.Result understated = EmpiricalLipschitzCheck.check(f, xs, 0.7 * l, new Generator(1), o);
        assertThat(understated.exceedsClaim()).isTrue();
    }

    @Test
    void flagsAnLlnHeadClaimedOneLipschitzButAcceptsItsPairwiseClaims() {
        // Ten correlated unit rows in R^20: the head alone has ||W_hat||_2 ~ 1.5 > 1 although every
        // row has norm 1 (SLL issue #2). Its pairwise claims ||w_hat_i - w_hat_j|| still hold.
        double[][] raw = randomInputs(10, 20, 41);
        for (double[] row : raw) {
            row[0] += 2.0;                                // a shared component makes the rows correlated
        }
        double[][] unit = new double[10][20];
        for (int i = 0; i < 10; i++) {
            double n = 0;
            for (double v : raw[i]) {
                n += v * v;
            }
            for (int k = 0; k < 20; k++) {
                unit[i][k] = raw[i][k] / Math.sqrt(n);
            }
        }
        Linear head = linear(unit, new double[10]);
        LlnMarginCertificate lln = new LlnMarginCertificate(head.weight().value(), 1.0);
        double[][] pairs = new double[10][10];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                pairs[i][j] = lln.rowDistance(i, j);
            }
        }
        Tensor xs = tensor(randomInputs(32, 20, 42));
        EmpiricalLipschitzCheck.Result r = EmpiricalLipschitzCheck.check(head, xs, 1.0, pairs, new Generator(2),
                EmpiricalLipschitzCheck.Options.defaults());
        double truth = spectralNorm(unit);
        assertThat(truth).isGreaterThan(1.3);
        assertThat(r.exceedsClaim()).isTrue();
        assertThat(r.measured()).isLessThanOrEqualTo(truth * (1 + 1e-9)).isGreaterThan(0.95 * truth);
        assertThat(r.worstPairRatio()).isLessThanOrEqualTo(1 + 1e-9);
    }

    /** Largest singular value by power iteration on W^T W in double precision. */
    private static double spectralNorm(double[][] w) {
        int d = w[0].length;
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1.0);
        double sigma = 0;
        for (int it = 0; it < 5000; it++) {
            double[] wv = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                for (int k = 0; k < d; k++) {
                    wv[i] += w[i][k] * v[k];
                }
            }
            double[] next = new double[d];
            for (int i = 0; i < w.length; i++) {
                for (int k = 0; k < d; k++) {
                    next[k] += w[i][k] * wv[i];
                }
            }
            double n = 0;
            for (double x : next) {
                n += x * x;
            }
            n = Math.sqrt(n);
            for (int k = 0; k < d; k++) {
                v[k] = next[k] / n;
            }
            sigma = Math.sqrt(n);
        }
        return sigma;
    }
}
