package org.robust4j.experiments.evaluation;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.certify.smoothing.SmoothingParams;

/**
 * What a certification run needs besides the model and the samples.
 *
 * @param sigma      the smoothing noise's standard deviation (Cohen, multi-noise)
 * @param smoothing  n0, n, alpha, batch size and seed of CERTIFY
 * @param probeSigma the multi-noise probe's standard deviation
 * @param probeN     the probe's draws
 * @param probeShare the part of alpha spent on the probe's interval
 */
public record CertifySettings(CertifyMethod method, double sigma, SmoothingParams smoothing, double probeSigma, int probeN,
                              double probeShare) {
    public CertifySettings {
        checkArgument(method != null, "certify: method is null");
        if (method != CertifyMethod.LIPSCHITZ) {
            checkArgument(sigma > 0 && Double.isFinite(sigma), "--sigma must be positive and finite, got %s", sigma);
        }
        if (method == CertifyMethod.MULTI_NOISE) {
            checkArgument(probeSigma > 0 && Double.isFinite(probeSigma) && probeSigma != sigma,
                    "--probe-sigma must be positive, finite and differ from --sigma, got %s", probeSigma);
            checkArgument(probeN > 0, "--probe-n must be positive, got %s", probeN);
            checkArgument(probeShare > 0 && probeShare < 1, "--probe-share must be in (0, 1), got %s", probeShare);
        }
    }
}
