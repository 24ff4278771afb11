package org.robust4j.certify.smoothing;

import java.util.List;
import org.hipparchus.stat.inference.AlternativeHypothesis;
import org.hipparchus.stat.inference.BinomialTest;
import org.robust4j.certify.Certification;
import org.robust4j.certify.SampleCertifier;
import org.robust4j.certify.stats.ClopperPearson;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;

/**
 * The smoothed classifier {@code g(x) = argmax_c P(f(x + noise) = c)} of Cohen, Rosenfeld and
 * Kolter (ICML 2019) over any base model {@code f} (a {@link Module} mapping a batch to logits)
 * and any {@link NoiseDistribution}, with the paper's PREDICT and CERTIFY.
 *
 * <p>Every sample's noise comes from streams derived from {@code (params.seed(), index)}
 * ({@link SampleSeeds}), so results do not depend on which other samples are certified, in which
 * order or on which machine. They do depend on the batch size (one backend seed per batch).
 *
 * <p>The base model is used as it is: put it in evaluation mode first (BatchNorm, dropout).
 */
public final class SmoothedClassifier {
    private final Module base;
    private final NoiseDistribution noise;

    public SmoothedClassifier(Module base, NoiseDistribution noise) {
        this.base = base;
        this.noise = noise;
    }

    public Module base() {
        return base;
    }

    public NoiseDistribution noise() {
        return noise;
    }

    /**
     * CERTIFY (Cohen et al., Algorithm "certify"): pick the candidate class from {@code n0}
     * draws, count its votes over {@code n} fresh draws, bound its probability from below by
     * Clopper–Pearson at level {@code 1 - alpha}, and certify the noise's radius for that bound,
     * or abstain when the bound is not above 1/2. With probability at least {@code 1 - alpha} a
     * non-abstaining answer is right: {@code g(x + delta) = prediction} for every
     * {@code ||delta|| < radius}.
     *
     * @param x one input without batch axis
     * @param label the true label, or -1
     * @param index the sample's index in its dataset (selects its noise streams)
     */
    public CertifyRecord certify(Tensor x, int label, long index, SmoothingParams p) {
        Inputs.checkFinite(x, "certify");
        SampleSeeds.Streams s = SampleSeeds.streams(p.seed(), index);
        long[] selection = NoisyVotes.count(base, x, noise, p.n0(), p.batchSize(), s.selection());
        int candidate = NoisyVotes.argMax(selection);
        long[] estimation = NoisyVotes.count(base, x, noise, p.n(), p.batchSize(), s.estimation());
        long nA = NoisyVotes.padded(estimation, candidate + 1)[candidate];
        double pALower = ClopperPearson.lower(nA, p.n(), p.alpha());
        boolean abstain = !(pALower > 0.5);
        return new CertifyRecord(index, label, abstain ? -1 : candidate, abstain ? 0.0 : noise.radius(pALower),
                noise.norm(), abstain, candidate, nA, p.n(), pALower);
    }

    /** CERTIFY with fixed parameters, as a {@link SampleCertifier} for drivers and shards. */
    public SampleCertifier<CertifyRecord> certifier(SmoothingParams p) {
        return (x, label, index) -> certify(x, label, index, p);
    }

    /**
     * CERTIFY on every row of {@code inputs} ({@code [N, ...]}); row {@code i} is sample
     * {@code firstIndex + i}.
     *
     * @param labels true labels (length N), or null
     */
    public List<CertifyRecord> certifyAll(Tensor inputs, int[] labels, long firstIndex, SmoothingParams p) {
        return Certification.run(certifier(p), inputs, labels, firstIndex).records();
    }

    /**
     * PREDICT (Cohen et al.): the top class of {@code n} draws, returned only when a two-sided
     * binomial test of its count against the runner-up's rejects equality at level {@code alpha};
     * then it differs from {@code g(x)} with probability at most {@code alpha} (Hung and Fithian
     * 2019). Uses the estimation stream of the sample with {@code params.n()} draws.
     */
    public PredictRecord predict(Tensor x, long index, SmoothingParams p) {
        Inputs.checkFinite(x, "predict");
        SampleSeeds.Streams s = SampleSeeds.streams(p.seed(), index);
        long[] counts = NoisyVotes.padded(NoisyVotes.count(base, x, noise, p.n(), p.batchSize(), s.estimation()), 2);
        int top = NoisyVotes.argMax(counts);
        int second = -1;
        for (int c = 0; c < counts.length; c++) {
            if (c != top && (second < 0 || counts[c] > counts[second])) {
                second = c;
            }
        }
        long nA = counts[top];
        long nB = counts[second];
        double pValue = new BinomialTest().binomialTest(Math.toIntExact(nA + nB), Math.toIntExact(nA), 0.5,
                AlternativeHypothesis.TWO_SIDED);
        boolean abstain = !(pValue <= p.alpha());
        return new PredictRecord(index, abstain ? -1 : top, abstain, nA, nB, pValue);
    }
}
