package org.robust4j.certify.multinoise;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import org.robust4j.certify.Certification;
import org.robust4j.certify.SampleCertifier;
import org.robust4j.certify.smoothing.Inputs;
import org.robust4j.certify.smoothing.NoiseDistribution;
import org.robust4j.certify.smoothing.NoisyVotes;
import org.robust4j.certify.smoothing.SampleSeeds;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.certify.stats.ClopperPearson;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/**
 * CERTIFY for the Gaussian-smoothed classifier at {@code sigma0}, probing the base classifier
 * also under {@code N(0, sigma1^2 I)} (Ettedgui et al. 2022, two-variance case): the smoothed
 * classifier and its prediction are Cohen et al.'s; only the radius uses the extra draws.
 *
 * <p>Confidence: the failure probability {@code alpha} of {@link SmoothingParams} is split by a
 * union bound into {@code alpha0 = (1 - probeShare) alpha} for the one-sided lower bound at
 * {@code sigma0} and {@code alpha1 = probeShare * alpha} for the probe's two-sided interval
 * ({@code alpha1 / 2} per side). With probability at least {@code 1 - alpha} all three bounds hold
 * at once and a non-abstaining certificate is right. The price of the extra probe is that
 * {@code alpha0 < alpha}: the record's {@code cohenRadius} is Cohen's radius at {@code alpha0} from
 * the same draws, which the certified radius never falls below.
 *
 * <p>Noise streams: selection, estimation and probe streams of {@link SampleSeeds}, so records are
 * reproducible per (seed, index) and the smoothing draws are exactly those Cohen's CERTIFY would
 * use with the same parameters.
 */
public final class MultiNoiseCertifier {
    private final Module base;
    private final double sigma0;
    private final double sigma1;
    private final int probeN;
    private final double probeShare;

    /**
     * @param probeN draws under the probe distribution
     * @param probeShare the fraction of alpha spent on the probe's interval, in (0, 1)
     */
    public MultiNoiseCertifier(Module base, double sigma0, double sigma1, int probeN, double probeShare) {
        checkArgument(probeN > 0, "MultiNoiseCertifier: probe draws must be positive, got %s", probeN);
        checkArgument(probeShare > 0 && probeShare < 1, "MultiNoiseCertifier: probe share must be in (0, 1), got %s",
                probeShare);
        this.base = base;
        this.sigma0 = sigma0;
        this.sigma1 = sigma1;
        this.probeN = probeN;
        this.probeShare = probeShare;
    }

    public MultiNoiseRecord certify(Tensor x, int label, long index, SmoothingParams p) {
        Inputs.checkFinite(x, "multi-noise certify");
        NoiseDistribution smoothing = NoiseDistribution.gaussian(sigma0);
        NoiseDistribution probe = NoiseDistribution.gaussian(sigma1);
        SampleSeeds.Streams s = SampleSeeds.streams(p.seed(), index);
        int candidate = NoisyVotes.argMax(NoisyVotes.count(base, x, smoothing, p.n0(), p.batchSize(), s.selection()));
        long nA = votes(NoisyVotes.count(base, x, smoothing, p.n(), p.batchSize(), s.estimation()), candidate);
        long probeNA = votes(NoisyVotes.count(base, x, probe, probeN, p.batchSize(), s.probe()), candidate);

        double alpha1 = probeShare * p.alpha();
        double alpha0 = p.alpha() - alpha1;
        double a = ClopperPearson.lower(nA, p.n(), alpha0);
        double[] probeInterval = ClopperPearson.interval(probeNA, probeN, alpha1);
        MultiSigmaCertificate cert = new MultiSigmaCertificate((int) x.size(), sigma0, sigma1);
        MultiSigmaCertificate.Result r = cert.certify(a, probeInterval[0], probeInterval[1]);
        boolean abstain = !(a > 0.5);
        return new MultiNoiseRecord(index, label, abstain ? -1 : candidate, abstain ? 0.0 : r.radius(), abstain,
                candidate, nA, p.n(), a, sigma1, probeNA, probeN, probeInterval[0], probeInterval[1], r.cohenRadius(),
                r.probeUsed(), r.probeConsistent());
    }

    /** This certifier with fixed parameters, as a {@link SampleCertifier}. */
    public SampleCertifier<MultiNoiseRecord> certifier(SmoothingParams p) {
        return (x, label, index) -> certify(x, label, index, p);
    }

    /** Certifies every row of {@code inputs}; row {@code i} is sample {@code firstIndex + i}. */
    public List<MultiNoiseRecord> certifyAll(Tensor inputs, int[] labels, long firstIndex, SmoothingParams p) {
        return Certification.run(certifier(p), inputs, labels, firstIndex).records();
    }

    private static long votes(long[] counts, int c) {
        return c < counts.length ? counts[c] : 0;
    }
}
