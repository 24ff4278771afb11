package org.robust4j.certify.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robust4j.certify.Norm;
import org.robust4j.certify.smoothing.CertifyRecord;

class CurveTest {
    private static CertifyRecord rec(int label, int pred, double radius) {
        boolean abstain = pred < 0;
        return new CertifyRecord(0, label, pred, abstain ? 0 : radius, Norm.L2, abstain, Math.max(pred, 0), 0, 1, 0.9);
    }

    private final List<CertifyRecord> records = List.of(rec(1, 1, 0.3), rec(2, 2, 0.8), rec(3, -1, 0),
            rec(4, 5, 1.0), rec(0, 0, 0.0));

    @Test
    void certifiedAccuracyCountsCorrectCertificatesWithLargeEnoughRadii() {
        CertifiedAccuracyCurve c = new CertifiedAccuracyCurve(records);
        assertThat(c.at(CertifiedAccuracyCurve.SMOOTHING_RADII)).extracting(CertifiedAccuracyCurve.Point::certifiedAccuracy)
                .containsExactly(0.6, 0.4, 0.2, 0.2, 0.0, 0.0, 0.0);
        assertThat(c.abstainRate()).isEqualTo(0.2);
        assertThat(c.meanCertifiedRadius()).isCloseTo((0.3 + 0.8) / 5, within(1e-15));
        assertThat(c.steps()).extracting(CertifiedAccuracyCurve.Point::radius).containsExactly(0.0, 0.3, 0.8);
        assertThat(c.asMap(new double[] {0.0, 0.5})).containsExactly(Map.entry(0.0, 0.6), Map.entry(0.5, 0.2));
    }

    @Test
    void tablesInThePapersLayout() {
        CertifiedAccuracyCurve c = new CertifiedAccuracyCurve(records);
        String md = CurveTable.markdown(new double[] {0, 0.25, 36 / 255.0}, Map.of("sigma=0.25", c));
        assertThat(md).startsWith("| | r=0 | r=0.25 | r=0.1412 |\n|---|---|---|---|\n| sigma=0.25 | 0.600 | 0.400 | 0.400 |");
        assertThat(CurveTable.csv(c.steps())).startsWith("radius,certified_accuracy\n0.00000000,0.600000\n");
    }

    @Test
    void recordsAsCsvAndSummary() {
        String csv = RecordCsv.write(records.subList(0, 2));
        assertThat(csv).startsWith("index,label,prediction,radius,norm,abstained,candidate,n_a,n,p_a_lower\n"
                + "0,1,1,0.3,l2,false,1,0,1,0.9\n");
        CertificationSummary s = CertificationSummary.of("cohen", records, new double[] {0.0, 0.25}, 1.5);
        assertThat(s.certifiedAccuracy()).containsExactly(Map.entry(0.0, 0.6), Map.entry(0.25, 0.4));
        assertThat(s.abstainRate()).isEqualTo(0.2);
        assertThat(s.samples()).isEqualTo(5);
        assertThat(RecordCsv.snake("probeUpper")).isEqualTo("probe_upper");
    }

    @Test
    void appendixDLowerBound() {
        // Cohen et al. App. D with y/m = 0.5, m = 500, alpha = 0.001, rho = 0.001.
        double log = Math.log(1000);
        double expected = (0.5 - 0.001 - Math.sqrt(2 * 0.001 * 0.999 * log / 500) - log / 1500) / 0.999;
        assertThat(CertifiedAccuracyCurve.highProbabilityLowerBound(0.5, 500, 0.001, 0.001)).isCloseTo(expected, within(1e-15));
    }
}
