package org.robust4j.certify.renyi;

import org.robust4j.certify.SampleCertifier;
import org.robust4j.certify.smoothing.Inputs;
import org.robust4j.certify.smoothing.NoiseDistribution;
import org.robust4j.certify.smoothing.NoisyVotes;
import org.robust4j.certify.smoothing.SampleSeeds;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.certify.stats.ClopperPearson;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Certifies a network with noise injected after a deterministic prefix,
 * {@code N_X(x) = suffix(prefix(x) + X)} (Pinot et al. 2019; {@code prefix = null} for noise on the
 * input), by the Rényi guarantee: the top class's probability is estimated from the network's
 * votes (selection and estimation draws as in Cohen et al.'s CERTIFY), bounded below by
 * Clopper–Pearson at level {@code 1 - alpha}, the runner-up above by {@code 1 - p1Lower}, and
 * {@link RenyiCertificate} turns the two into a radius.
 *
 * <p>Because the prefix is deterministic, the noise-injected network at {@code x} is the suffix
 * smoothed at {@code h = prefix(x)}, so the votes are counted exactly like smoothing's.
 */
public final class NoiseInjectionCertifier {
    private final Module prefix;
    private final NoiseDistribution noise;
    private final Module suffix;
    private final RenyiCertificate certificate;

    /**
     * @param prefix the layers before the noise, or null for input noise
     * @param certificate built with the prefix's Lipschitz constant (see {@link RenyiCertificate})
     */
    public NoiseInjectionCertifier(Module prefix, NoiseDistribution noise, Module suffix, RenyiCertificate certificate) {
        this.prefix = prefix;
        this.noise = noise;
        this.suffix = suffix;
        this.certificate = certificate;
    }

    /** This certifier with fixed parameters, as a {@link SampleCertifier}. */
    public SampleCertifier<RenyiRecord> certifier(SmoothingParams p) {
        return (x, label, index) -> certify(x, label, index, p);
    }

    public RenyiRecord certify(Tensor x, int label, long index, SmoothingParams p) {
        Inputs.checkFinite(x, "noise-injection certify");
        Tensor h = features(x);
        SampleSeeds.Streams s = SampleSeeds.streams(p.seed(), index);
        int candidate = NoisyVotes.argMax(NoisyVotes.count(suffix, h, noise, p.n0(), p.batchSize(), s.selection()));
        long[] counts = NoisyVotes.count(suffix, h, noise, p.n(), p.batchSize(), s.estimation());
        long nA = candidate < counts.length ? counts[candidate] : 0;
        double p1 = ClopperPearson.lower(nA, p.n(), p.alpha());
        boolean abstain = !(p1 > 0.5);
        RenyiCertificate.Radius r = abstain ? new RenyiCertificate.Radius(0, Double.NaN) : certificate.radius(p1, 1 - p1);
        return new RenyiRecord(index, label, abstain ? -1 : candidate, r.radius(), certificate.norm(), abstain,
                candidate, nA, p.n(), p1, r.order());
    }

    /** {@code prefix(x)} for one input without batch axis (x itself when there is no prefix). */
    private Tensor features(Tensor x) {
        if (prefix == null) {
            return x;
        }
        try (Scope scope = Scope.open(); GradMode.Restore r = Autograd.noGrad()) {
            return scope.keep(prefix.forward(x.unsqueeze(0)).squeeze(0));
        }
    }
}
