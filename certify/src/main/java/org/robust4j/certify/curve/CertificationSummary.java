package org.robust4j.certify.curve;

import java.util.List;
import java.util.Map;

/**
 * The headline numbers of a certification run, as {@code summary.json} reports them
 * ({@code method}, {@code certified_accuracy} as a map from radius to value, {@code abstain_rate},
 * {@code seconds}, plus clean accuracy and the average certified radius).
 */
public record CertificationSummary(String method, int samples, double cleanAccuracy,
                                   Map<Double, Double> certifiedAccuracy, double abstainRate,
                                   double meanCertifiedRadius, double seconds) {

    public static CertificationSummary of(String method, List<? extends CertifiedSample> records, double[] radii,
                                          double seconds) {
        CertifiedAccuracyCurve c = new CertifiedAccuracyCurve(records);
        return new CertificationSummary(method, c.size(), c.cleanAccuracy(), c.asMap(radii), c.abstainRate(),
                c.meanCertifiedRadius(), seconds);
    }
}
