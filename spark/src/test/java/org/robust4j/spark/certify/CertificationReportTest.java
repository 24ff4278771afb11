package org.robust4j.spark.certify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.lipschitz.LipschitzRecord;

class CertificationReportTest {

    @Test
    void thePlottedCurveIsAStaircaseThatHoldsEachValueUpToItsRadius() {
        // Four items: correct with radii 0.5 and 0.2, one wrong, one correct with radius 0.2.
        List<LipschitzRecord> r = List.of(new LipschitzRecord(0, 1, 1, 1.0, 0.5), new LipschitzRecord(1, 2, 2, 1.0, 0.2),
                new LipschitzRecord(2, 3, 0, 1.0, 0.9), new LipschitzRecord(3, 4, 4, 1.0, 0.2));
        double[][] s = CertificationReport.staircase(new CertifiedAccuracyCurve(r).steps());
        // 3/4 on [0, 0.2], 1/4 on (0.2, 0.5], 0 after.
        assertThat(s[0]).containsExactly(0.0, 0.0, 0.2, 0.2, 0.5, 0.5);
        assertThat(s[1]).containsExactly(0.75, 0.75, 0.75, 0.25, 0.25, 0.0);
    }
}
