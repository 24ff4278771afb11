package org.robust4j.experiments.smoothing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.TestBackends;

class SmoothingCertifyExperimentTest {

    @Test
    void tinyRunCertifiesEverySigmaWithBothMethods(@TempDir Path out) throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is needed");
        CliRun r = CliRun.of("run", "smoothing-certify", "--preset", "tiny", "--seed", "2", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : List.of("summary.json", "table.md", "curves.png", "curves.csv")) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode s = JsonReport.mapper().readTree(out.resolve("summary.json").toFile());
        JsonNode acc = s.get("certified_accuracy");
        assertThat(acc.fieldNames()).toIterable().containsExactly("sigma=0.25 cohen", "sigma=0.25 multi-noise",
                "sigma=0.5 cohen", "sigma=0.5 multi-noise");
        for (JsonNode curve : acc) {
            // Certified accuracy cannot grow with the radius.
            assertThat(curve.get("0.0").asDouble()).isGreaterThanOrEqualTo(curve.get("0.25").asDouble());
            assertThat(curve.get("0.25").asDouble()).isGreaterThanOrEqualTo(curve.get("0.5").asDouble());
        }
        for (String dir : List.of("sigma-0.25-cohen", "sigma-0.25-multi-noise", "sigma-0.5-cohen", "sigma-0.5-multi-noise")) {
            assertThat(Files.readAllLines(out.resolve(dir).resolve("records.csv"))).hasSize(11);
        }
        // Same draws at sigma0: multi-noise never certifies below its own Cohen radius (at alpha0).
        for (JsonNode rec : JsonReport.mapper().readTree(out.resolve("sigma-0.25-multi-noise").resolve("records.json").toFile())) {
            if (!rec.get("abstained").asBoolean()) {
                assertThat(rec.get("radius").asDouble()).isGreaterThanOrEqualTo(rec.get("cohen_radius").asDouble() - 1e-12);
            }
        }
        assertThat(Files.readString(out.resolve("table.md"))).contains("Scale of this run").contains("0.83");
    }
}
